package io.github.checkoutmtls.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Checkout's 202 answer to a capture, refund, void or cancellation (API reference, 2021
 * snapshot): the action was accepted and is processed asynchronously.
 *
 * @param actionId the action id, {@code act_...}
 * @param reference the merchant's reference of the action
 * @param links {@code payment} and the other links Checkout returns
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ActionResponse(@JsonProperty("action_id") String actionId, @JsonProperty("reference") String reference,
		@JsonProperty("_links") Map<String, Link> links) {

}
