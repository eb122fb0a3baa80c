package io.github.checkoutmtls.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Checkout's error body: {@code {"request_id", "error_type", "error_codes"}} (API
 * reference, 2021 snapshot).
 *
 * @param requestId the request id
 * @param errorType the error type
 * @param errorCodes the error codes
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CheckoutErrorBody(@JsonProperty("request_id") String requestId, @JsonProperty("error_type") String errorType,
		@JsonProperty("error_codes") List<String> errorCodes) {

	static final CheckoutErrorBody NONE = new CheckoutErrorBody(null, null, List.of());

}
