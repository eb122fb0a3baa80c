package io.github.checkoutmtls.test.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A response a handler decided on, written by {@link RequestDispatcher}, which adds
 * {@code Cko-Request-Id}. Being a value, it can be delayed or replaced by fault
 * injection.
 *
 * @param status the HTTP status
 * @param headers extra response headers
 * @param contentType the body's media type, or {@code null} without a body
 * @param body the body, empty for none
 */
record SimulatorResponse(int status, Map<String, String> headers, String contentType, byte[] body) {

	static final String APPLICATION_JSON = "application/json; charset=utf-8";

	SimulatorResponse {
		headers = Map.copyOf(headers);
	}

	static SimulatorResponse empty(int status) {
		return new SimulatorResponse(status, Map.of(), null, new byte[0]);
	}

	static SimulatorResponse json(int status, JsonNode body) {
		return new SimulatorResponse(status, Map.of(), APPLICATION_JSON, Json.bytes(body));
	}

	/**
	 * Returns an error in the shape of Checkout's API errors.
	 * @param status the HTTP status
	 * @param request the request, for its {@code request_id}
	 * @param errorType the {@code error_type}, for example {@code request_invalid}
	 * @param errorCodes the {@code error_codes}
	 * @return the response
	 */
	static SimulatorResponse checkoutError(int status, SimulatorRequest request, String errorType,
			List<String> errorCodes) {
		ObjectNode error = Json.object();
		error.put("request_id", request.requestId());
		error.put("error_type", errorType);
		errorCodes.forEach(error.putArray("error_codes")::add);
		return json(status, error);
	}

	SimulatorResponse withHeader(String name, String value) {
		Map<String, String> copy = new LinkedHashMap<>(this.headers);
		copy.put(name, value);
		return new SimulatorResponse(this.status, copy, this.contentType, this.body);
	}

}
