package io.github.checkoutmtls.api;

import java.time.OffsetDateTime;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Checkout's answer to {@code GET /payments/{id}}, with the fields most integrations
 * read.
 *
 * @param id the payment id, {@code pay_...}
 * @param requestedOn when the payment was requested
 * @param amount the amount in minor units
 * @param currency the ISO 4217 currency code
 * @param paymentType {@code Regular}, {@code Recurring} or {@code Unscheduled}
 * @param reference the merchant's reference
 * @param status Checkout's status, such as {@code Authorized} or {@code Captured}
 * @param approved whether the payment was approved
 * @param balances what was authorized, captured, refunded and voided, and what still can
 * be
 * @param links {@code self}, {@code actions} and the other links Checkout returns
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentDetails(@JsonProperty("id") String id, @JsonProperty("requested_on") OffsetDateTime requestedOn,
		@JsonProperty("amount") Long amount, @JsonProperty("currency") String currency,
		@JsonProperty("payment_type") String paymentType, @JsonProperty("reference") String reference,
		@JsonProperty("status") String status, @JsonProperty("approved") Boolean approved,
		@JsonProperty("balances") PaymentBalances balances, @JsonProperty("_links") Map<String, Link> links) {

	/**
	 * The {@code balances} of a payment's details, in minor units.
	 *
	 * @param totalAuthorized the amount authorized
	 * @param totalVoided the amount voided
	 * @param availableToVoid the amount that can still be voided
	 * @param totalCaptured the amount captured
	 * @param availableToCapture the amount that can still be captured
	 * @param totalRefunded the amount refunded
	 * @param availableToRefund the amount that can still be refunded
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record PaymentBalances(@JsonProperty("total_authorized") Long totalAuthorized,
			@JsonProperty("total_voided") Long totalVoided, @JsonProperty("available_to_void") Long availableToVoid,
			@JsonProperty("total_captured") Long totalCaptured,
			@JsonProperty("available_to_capture") Long availableToCapture,
			@JsonProperty("total_refunded") Long totalRefunded,
			@JsonProperty("available_to_refund") Long availableToRefund) {

	}

}
