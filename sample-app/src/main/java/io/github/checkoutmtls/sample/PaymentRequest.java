package io.github.checkoutmtls.sample;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A request to take a payment, with what Checkout requires: a {@code source} (API reference:
 * {@code payment_source_required} without one) and, for accounts that need it, a
 * {@code processing_channel_id}, which the gateway fills in from {@code sample.checkout.processing-channel-id}
 * when the caller leaves it out.
 *
 * @param amount the amount in minor units
 * @param currency the ISO currency code
 * @param reference the merchant's reference, at most 50 characters
 * @param source what pays, such as a card token from Checkout's Frames
 * @param processingChannelId the processing channel, or {@code null}
 * @param threeDs the 3-D Secure settings, or {@code null} for none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentRequest(long amount, String currency, String reference, PaymentSource source,
		@JsonProperty("processing_channel_id") String processingChannelId, @JsonProperty("3ds") ThreeDs threeDs) {

	/**
	 * Creates a request without a processing channel or 3-D Secure.
	 * @param amount the amount in minor units
	 * @param currency the ISO currency code
	 * @param reference the merchant's reference
	 * @param source what pays
	 */
	public PaymentRequest(long amount, String currency, String reference, PaymentSource source) {
		this(amount, currency, reference, source, null, null);
	}

	/**
	 * Returns this request with 3-D Secure requested, which makes Checkout answer 202 with a redirect.
	 * @return the request
	 */
	public PaymentRequest withThreeDs() {
		return new PaymentRequest(this.amount, this.currency, this.reference, this.source, this.processingChannelId,
				new ThreeDs(true));
	}

	PaymentRequest withProcessingChannelId(String id) {
		return new PaymentRequest(this.amount, this.currency, this.reference, this.source, id, this.threeDs);
	}

	/**
	 * What pays for a payment: here a token, as Checkout's Frames returns for a card.
	 *
	 * @param type the source type, {@code token}
	 * @param token the token, {@code tok_...}
	 */
	public record PaymentSource(String type, String token) {

		/**
		 * Returns a token source.
		 * @param token the token
		 * @return the source
		 */
		public static PaymentSource token(String token) {
			return new PaymentSource("token", token);
		}

	}

	/**
	 * The 3-D Secure settings of a payment request.
	 *
	 * @param enabled whether to authenticate the customer with 3-D Secure
	 */
	public record ThreeDs(boolean enabled) {

	}

}
