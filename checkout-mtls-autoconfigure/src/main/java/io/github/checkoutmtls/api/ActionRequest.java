package io.github.checkoutmtls.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of a payment action (capture, refund, void, incremental authorization,
 * cancellation); fields left {@code null} are not sent, and an absent amount means
 * everything available.
 *
 * @param amount the amount in minor units; not sent for a void or a cancellation
 * @param reference the merchant's reference of the action
 * @param metadata free-form key-value pairs stored with the action
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionRequest(@JsonProperty("amount") Long amount, @JsonProperty("reference") String reference,
		@JsonProperty("metadata") Map<String, Object> metadata) {

	/**
	 * Returns a request for the full available amount.
	 * @param reference the merchant's reference of the action
	 * @return the request
	 */
	public static ActionRequest of(String reference) {
		return new ActionRequest(null, reference, null);
	}

	/**
	 * Returns a request for part of the available amount.
	 * @param amount the amount in minor units
	 * @param reference the merchant's reference of the action
	 * @return the request
	 */
	public static ActionRequest of(long amount, String reference) {
		return new ActionRequest(amount, reference, null);
	}

}
