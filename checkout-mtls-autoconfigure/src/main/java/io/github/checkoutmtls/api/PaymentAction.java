package io.github.checkoutmtls.api;

import java.time.OffsetDateTime;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code GET /payments/{id}/actions}: an authorization, capture, refund or
 * void.
 *
 * @param id the action id, {@code act_...}
 * @param type {@code Authorization}, {@code Capture}, {@code Refund}, {@code Void} and
 * the like
 * @param processedOn when the action was processed
 * @param amount the amount in minor units
 * @param approved whether the action was approved
 * @param responseCode the acquirer's response code
 * @param responseSummary the response code's description
 * @param reference the merchant's reference of the action
 * @param links the links Checkout returns
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentAction(@JsonProperty("id") String id, @JsonProperty("type") String type,
		@JsonProperty("processed_on") OffsetDateTime processedOn, @JsonProperty("amount") Long amount,
		@JsonProperty("approved") Boolean approved, @JsonProperty("response_code") String responseCode,
		@JsonProperty("response_summary") String responseSummary, @JsonProperty("reference") String reference,
		@JsonProperty("_links") Map<String, Link> links) {

}
