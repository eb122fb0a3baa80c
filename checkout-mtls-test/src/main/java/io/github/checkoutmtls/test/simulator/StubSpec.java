package io.github.checkoutmtls.test.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * A stub being set up, from {@link SimulatorStubs#on(String, String)}: optional headers
 * and latency, then the answer, which registers it.
 */
public final class StubSpec {

	private final SimulatorStubs stubs;

	private final String method;

	private final PathTemplate template;

	private final Map<String, String> headers;

	private final Duration latency;

	StubSpec(SimulatorStubs stubs, String method, PathTemplate template) {
		this(stubs, method, template, Map.of(), Duration.ZERO);
	}

	private StubSpec(SimulatorStubs stubs, String method, PathTemplate template, Map<String, String> headers,
			Duration latency) {
		this.stubs = stubs;
		this.method = method;
		this.template = template;
		this.headers = headers;
		this.latency = latency;
	}

	/**
	 * Adds a response header.
	 * @param name the header name
	 * @param value the header value
	 * @return settings with the header
	 */
	public StubSpec header(String name, String value) {
		Objects.requireNonNull(name, "'name' must not be null");
		Objects.requireNonNull(value, "'value' must not be null");
		Map<String, String> copy = new LinkedHashMap<>(this.headers);
		copy.put(name, value);
		return new StubSpec(this.stubs, this.method, this.template, copy, this.latency);
	}

	/**
	 * Delays each answer, without blocking an event loop; the request counts as processed
	 * from the start.
	 * @param latency the delay
	 * @return settings with the latency
	 */
	public StubSpec latency(Duration latency) {
		Objects.requireNonNull(latency, "'latency' must not be null");
		if (latency.isNegative()) {
			throw new IllegalArgumentException("'latency' must not be negative, was " + latency);
		}
		return new StubSpec(this.stubs, this.method, this.template, this.headers, latency);
	}

	/**
	 * Registers the stub, answering with a status and no body.
	 * @param status the status
	 * @return the simulator's stubs
	 */
	public SimulatorStubs respond(int status) {
		return register(status, null, new byte[0]);
	}

	/**
	 * Registers the stub, answering with a status and a JSON body.
	 * @param status the status, such as 200 or 201
	 * @param json the body, which must be JSON
	 * @return the simulator's stubs
	 * @throws IllegalArgumentException if the body is not JSON
	 */
	public SimulatorStubs respond(int status, String json) {
		Objects.requireNonNull(json, "'json' must not be null");
		try {
			Json.parse(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The stub body for " + this.method + " " + this.template
					+ " is not JSON: " + ex.getOriginalMessage(), ex);
		}
		return register(status, SimulatorResponse.APPLICATION_JSON, json.getBytes(StandardCharsets.UTF_8));
	}

	private SimulatorStubs register(int status, String contentType, byte[] body) {
		if (status < 100 || status > 599) {
			throw new IllegalArgumentException("'status' must be an HTTP status, was " + status);
		}
		SimulatorResponse response = new SimulatorResponse(status, this.headers, contentType, body);
		Duration delay = this.latency;
		SimulatorHandler handler = (request) -> delay.isZero() ? Mono.just(response)
				: Mono.delay(delay).thenReturn(response);
		return this.stubs.add(this.method, this.template, handler);
	}

}
