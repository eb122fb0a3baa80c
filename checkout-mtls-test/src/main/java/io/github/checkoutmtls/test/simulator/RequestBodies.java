package io.github.checkoutmtls.test.simulator;

import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reading and checking the JSON bodies of API requests.
 */
final class RequestBodies {

	// The API reference limits a payment's and an action's reference to 50 characters
	private static final int MAX_REFERENCE_LENGTH = 50;

	private RequestBodies() {
	}

	/**
	 * Parses a body that must be a JSON object.
	 * @param body the body text
	 * @return the object, or {@code null} if the body is not a JSON object
	 */
	static JsonNode object(String body) {
		try {
			JsonNode node = Json.parse(body);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Parses a body that may be empty, as for captures, refunds and voids.
	 * @param body the body text
	 * @return the object, an empty object for an empty body, or {@code null} if the body
	 * is not a JSON object
	 */
	static JsonNode optionalObject(String body) {
		return body.isBlank() ? Json.object() : object(body);
	}

	static boolean isAmount(JsonNode amount, long minimum) {
		return amount.isIntegralNumber() && amount.canConvertToLong() && amount.longValue() >= minimum;
	}

	static boolean isReference(JsonNode reference) {
		return reference == null || reference.isNull()
				|| (reference.isString() && reference.stringValue().length() <= MAX_REFERENCE_LENGTH);
	}

	static String text(JsonNode body, String field) {
		JsonNode value = body.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	static SimulatorResponse invalid(SimulatorRequest request, List<String> errorCodes) {
		return SimulatorResponse.checkoutError(422, request, "request_invalid", errorCodes);
	}

}
