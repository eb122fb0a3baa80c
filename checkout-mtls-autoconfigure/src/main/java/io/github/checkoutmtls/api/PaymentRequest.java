package io.github.checkoutmtls.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /payments}, with the fields most integrations send; fields left
 * {@code null} are not sent.
 *
 * @param source what pays: Checkout requires it ({@code payment_source_required})
 * @param amount the amount in minor units; 0 verifies a card
 * @param currency the ISO 4217 currency code
 * @param reference the merchant's reference, such as an order id
 * @param processingChannelId the processing channel, which some accounts require
 * @param capture whether to capture at once, when not the account's default
 * @param paymentType {@code Regular}, {@code Recurring} or {@code Unscheduled}, when not
 * {@code Regular}
 * @param metadata free-form key-value pairs stored with the payment
 * @param threeDs the 3-D Secure settings, such as {@code {"enabled": true}}, which make
 * Checkout answer 202 {@code Pending} with a {@code redirect} link (API reference, 2021
 * snapshot)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentRequest(@JsonProperty("source") PaymentSource source, @JsonProperty("amount") Long amount,
		@JsonProperty("currency") String currency, @JsonProperty("reference") String reference,
		@JsonProperty("processing_channel_id") String processingChannelId, @JsonProperty("capture") Boolean capture,
		@JsonProperty("payment_type") String paymentType, @JsonProperty("metadata") Map<String, Object> metadata,
		@JsonProperty("3ds") Map<String, Object> threeDs) {

	/**
	 * Creates a request with the required fields only.
	 * @param source what pays
	 * @param amount the amount in minor units
	 * @param currency the ISO 4217 currency code
	 * @param reference the merchant's reference
	 * @return the request
	 */
	public static PaymentRequest of(PaymentSource source, long amount, String currency, String reference) {
		return new PaymentRequest(source, amount, currency, reference, null, null, null, null, null);
	}

	/**
	 * Returns a copy sent on the given processing channel.
	 * @param processingChannelId the processing channel id, {@code pc_...}
	 * @return the new request
	 */
	public PaymentRequest withProcessingChannelId(String processingChannelId) {
		return new PaymentRequest(this.source, this.amount, this.currency, this.reference, processingChannelId,
				this.capture, this.paymentType, this.metadata, this.threeDs);
	}

	/**
	 * Returns a copy that asks for 3-D Secure authentication of the customer.
	 * @return the new request
	 */
	public PaymentRequest withThreeDs() {
		return new PaymentRequest(this.source, this.amount, this.currency, this.reference, this.processingChannelId,
				this.capture, this.paymentType, this.metadata, Map.of("enabled", true));
	}

}
