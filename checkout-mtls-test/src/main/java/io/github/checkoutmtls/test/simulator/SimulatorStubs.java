package io.github.checkoutmtls.test.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers registered by tests for what the simulator does not model (instruments,
 * customers, payment sessions, disputes...), served on the same mTLS edge: the same
 * certificate checks, token checks, faults, idempotency rules and recording as the
 * modelled routes.
 *
 * <pre class="code">
 * simulator.stubs().on("POST", "/customers").respond(201, "{\"id\": \"cus_123\"}");
 * simulator.stubs().on("GET", "/instruments/{id}").latency(Duration.ofMillis(200)).respond(200, "{...}");
 * </pre>
 *
 * A stub registered later wins over an earlier one for the same request, and stubs win
 * over the modelled routes, so a test can replace a modelled answer too. Stubs stay until
 * {@link #clear() cleared}.
 */
public final class SimulatorStubs {

	private final List<Stub> stubs = new ArrayList<>();

	SimulatorStubs() {
	}

	/**
	 * Starts a stub for the requests with a method and a path.
	 * @param method the HTTP method, such as {@code POST}, or {@code *} for any
	 * @param pathTemplate the path without the query string, where a {@code {name}}
	 * segment matches any one segment, such as {@code /customers/{id}}
	 * @return the stub's settings
	 */
	public StubSpec on(String method, String pathTemplate) {
		Objects.requireNonNull(method, "'method' must not be null");
		return new StubSpec(this, method, PathTemplate.of(pathTemplate));
	}

	/**
	 * Drops every stub.
	 */
	public synchronized void clear() {
		this.stubs.clear();
	}

	synchronized SimulatorStubs add(String method, PathTemplate template, SimulatorHandler handler) {
		this.stubs.add(0, new Stub(method, template, handler));
		return this;
	}

	synchronized Optional<RouteTable.Match> match(SimulatorRequest request) {
		for (Stub stub : this.stubs) {
			if ("*".equals(stub.method()) || stub.method().equalsIgnoreCase(request.method())) {
				Map<String, String> variables = stub.template().match(request.path());
				if (variables != null) {
					return Optional.of(new RouteTable.Match(stub.handler(), request.withPathVariables(variables)));
				}
			}
		}
		return Optional.empty();
	}

	private record Stub(String method, PathTemplate template, SimulatorHandler handler) {

	}

}
