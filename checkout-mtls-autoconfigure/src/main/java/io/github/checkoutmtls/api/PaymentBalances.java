package io.github.checkoutmtls.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

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
