package io.github.checkoutmtls.api;

import java.time.OffsetDateTime;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Checkout's answer to a payment request (201 when processed, 202 when pending, for
 * example for 3-D Secure: API reference, 2021 snapshot) and to an incremental
 * authorization. Fields absent from an answer are {@code null}.
 *
 * @param id the payment id, {@code pay_...}
 * @param actionId the id of the action taken, {@code act_...}
 * @param amount the amount in minor units
 * @param currency the ISO 4217 currency code
 * @param approved whether the payment was approved
 * @param status Checkout's status, such as {@code Authorized}, {@code Declined} or
 * {@code Pending}
 * @param responseCode the acquirer's response code, such as {@code 10000}
 * @param responseSummary the response code's description
 * @param reference the merchant's reference
 * @param processedOn when the payment was processed
 * @param threeDs the 3-D Secure details of a pending payment, as sent
 * @param links {@code self}, {@code actions}, {@code redirect} and the other links
 * Checkout returns
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentResponse(@JsonProperty("id") String id, @JsonProperty("action_id") String actionId,
		@JsonProperty("amount") Long amount, @JsonProperty("currency") String currency,
		@JsonProperty("approved") Boolean approved, @JsonProperty("status") String status,
		@JsonProperty("response_code") String responseCode, @JsonProperty("response_summary") String responseSummary,
		@JsonProperty("reference") String reference, @JsonProperty("processed_on") OffsetDateTime processedOn,
		@JsonProperty("3ds") Map<String, Object> threeDs, @JsonProperty("_links") Map<String, Link> links) {

	/**
	 * Returns the link of the given relation.
	 * @param relation the relation, such as {@code self} or {@code redirect}
	 * @return the link, or {@code null} when absent
	 */
	public Link link(String relation) {
		return (this.links != null) ? this.links.get(relation) : null;
	}

}
