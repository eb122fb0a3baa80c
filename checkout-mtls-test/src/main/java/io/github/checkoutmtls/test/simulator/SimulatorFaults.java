package io.github.checkoutmtls.test.simulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Faults for the API host, set up by tests. Each request fault is for the requests
 * matching a method and a path template, on modelled and stubbed routes alike, for the
 * next N of them or until {@link #clear() cleared}; when several match, the one set up
 * first applies, one fault per request.
 *
 * <pre class="code">
 * simulator.faults().on("POST", "/payments").times(2).status(503);
 * simulator.faults().on("GET", "/payments/{id}").latency(Duration.ofSeconds(2));
 * simulator.faults().rejectHandshakes(1);
 * </pre>
 *
 * The token host has its own faults, {@link CheckoutMtlsSimulator#tokenFaults()}.
 */
public final class SimulatorFaults {

	private static final int UNLIMITED = -1;

	private final List<Rule> rules = new ArrayList<>();

	private int handshakeRejections;

	SimulatorFaults() {
	}

	/**
	 * Starts a fault for the requests with a method and a path.
	 * @param method the HTTP method, such as {@code POST}, or {@code *} for any
	 * @param pathTemplate the path without the query string, where a {@code {name}}
	 * segment matches any one segment, such as {@code /payments/{id}/captures}
	 * @return the fault's settings, applying to every matching request until cleared
	 * unless {@link PathFaults#times(int) limited}
	 */
	public PathFaults on(String method, String pathTemplate) {
		Objects.requireNonNull(method, "'method' must not be null");
		return new PathFaults(this, method, PathTemplate.of(pathTemplate), UNLIMITED);
	}

	/**
	 * Rejects the TLS handshake of the next {@code connections} new connections to the
	 * API host, the way the builder's {@link HandshakeRejection} says, even when their
	 * chains are valid. Connections already open, such as pooled ones, are not affected.
	 * @param connections how many connections
	 * @return this instance
	 */
	public synchronized SimulatorFaults rejectHandshakes(int connections) {
		if (connections < 1) {
			throw new IllegalArgumentException("'connections' must be positive, was " + connections);
		}
		this.handshakeRejections = connections;
		return this;
	}

	/**
	 * Rejects the TLS handshake of every new connection to the API host until
	 * {@link #clear() cleared}.
	 * @return this instance
	 */
	public synchronized SimulatorFaults rejectHandshakes() {
		this.handshakeRejections = UNLIMITED;
		return this;
	}

	/**
	 * Drops every fault: request faults and handshake rejections.
	 */
	public synchronized void clear() {
		this.rules.clear();
		this.handshakeRejections = 0;
	}

	synchronized SimulatorFaults add(String method, PathTemplate template, int times, ApiFault fault) {
		this.rules.add(new Rule(method, template, fault, times));
		return this;
	}

	/**
	 * Takes the fault for a request, counting it against the fault's number of requests.
	 * @param method the request's method
	 * @param path the request's path, without the query string
	 * @return the fault, or {@code null} if none applies
	 */
	synchronized ApiFault take(String method, String path) {
		for (Iterator<Rule> iterator = this.rules.iterator(); iterator.hasNext();) {
			Rule rule = iterator.next();
			if (rule.matches(method, path)) {
				if (rule.remaining != UNLIMITED && --rule.remaining == 0) {
					iterator.remove();
				}
				return rule.fault;
			}
		}
		return null;
	}

	/**
	 * Takes a handshake rejection for a new connection.
	 * @return whether to reject the connection's handshake
	 */
	synchronized boolean takeHandshakeRejection() {
		if (this.handshakeRejections == 0) {
			return false;
		}
		if (this.handshakeRejections > 0) {
			this.handshakeRejections--;
		}
		return true;
	}

	private static final class Rule {

		private final String method;

		private final PathTemplate template;

		private final ApiFault fault;

		private int remaining;

		Rule(String method, PathTemplate template, ApiFault fault, int remaining) {
			this.method = method;
			this.template = template;
			this.fault = fault;
			this.remaining = remaining;
		}

		boolean matches(String requestMethod, String path) {
			return ("*".equals(this.method) || this.method.equalsIgnoreCase(requestMethod))
					&& this.template.match(path) != null;
		}

	}

}
