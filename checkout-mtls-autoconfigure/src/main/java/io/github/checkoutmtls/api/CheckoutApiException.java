package io.github.checkoutmtls.api;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpMethod;

/**
 * Checkout answered a request with an error status. Carries what Checkout's support asks
 * for ({@code Cko-Request-Id}) and its error body's {@code error_type} and
 * {@code error_codes} (API reference, 2021 snapshot). The message names the method, the
 * path and Checkout's codes; never a request or response body, so never card data.
 */
public class CheckoutApiException extends RuntimeException {

	private final int statusCode;

	private final String requestId;

	private final String errorType;

	private final List<String> errorCodes;

	CheckoutApiException(HttpMethod method, URI uri, int statusCode, String requestId, String errorType,
			List<String> errorCodes) {
		super(message(method, uri, statusCode, requestId, errorType, errorCodes));
		this.statusCode = statusCode;
		this.requestId = requestId;
		this.errorType = errorType;
		this.errorCodes = List.copyOf(errorCodes);
	}

	private static String message(HttpMethod method, URI uri, int statusCode, String requestId, String errorType,
			List<String> errorCodes) {
		StringBuilder message = new StringBuilder("Checkout answered ").append(statusCode)
			.append(" to ")
			.append(method)
			.append(' ')
			.append(uri.getRawPath());
		if (errorType != null) {
			message.append(": ").append(errorType);
		}
		if (!errorCodes.isEmpty()) {
			message.append(' ').append(errorCodes);
		}
		if (requestId != null) {
			message.append(" (Cko-Request-Id ").append(requestId).append(')');
		}
		return message.toString();
	}

	/**
	 * Returns the HTTP status Checkout answered with.
	 * @return the status code, such as 422
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

	/**
	 * Returns Checkout's id of the request, from the {@code Cko-Request-Id} header or the
	 * body's {@code request_id}.
	 * @return the request id, or {@code null} when Checkout sent none
	 */
	public String getRequestId() {
		return this.requestId;
	}

	/**
	 * Returns the error body's {@code error_type}, such as {@code request_invalid}.
	 * @return the error type, or {@code null} when the answer had no error body
	 */
	public String getErrorType() {
		return this.errorType;
	}

	/**
	 * Returns the error body's {@code error_codes}, such as {@code amount_required}.
	 * @return the error codes, empty when the answer had none
	 */
	public List<String> getErrorCodes() {
		return this.errorCodes;
	}

}
