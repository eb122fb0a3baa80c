package io.github.checkoutmtls.test.simulator;

import java.time.Duration;
import java.util.Objects;

import io.github.checkoutmtls.test.simulator.ApiFault.Kind;

/**
 * A fault being set up for the requests matching a method and a path template, from
 * {@link SimulatorFaults#on(String, String)}, on any route: modelled ones and
 * {@link CheckoutMtlsSimulator#stubs() stubs}. Each method that names a fault adds it and
 * returns the {@link SimulatorFaults}, so that more can be chained.
 */
public final class PathFaults {

	private final SimulatorFaults faults;

	private final String method;

	private final PathTemplate template;

	private final int times;

	PathFaults(SimulatorFaults faults, String method, PathTemplate template, int times) {
		this.faults = faults;
		this.method = method;
		this.template = template;
		this.times = times;
	}

	/**
	 * Limits the fault to the next {@code times} matching requests; without it the fault
	 * applies until cleared.
	 * @param times how many requests
	 * @return settings for the limited fault
	 */
	public PathFaults times(int times) {
		if (times < 1) {
			throw new IllegalArgumentException("'times' must be positive, was " + times);
		}
		return new PathFaults(this.faults, this.method, this.template, times);
	}

	/**
	 * Delays the matching requests, without blocking an event loop, then processes them
	 * normally. A request with a {@code Cko-Idempotency-Key} holds its key during the
	 * delay, so that a repeat gets the concurrent-duplicate answer.
	 * @param delay the delay
	 * @return the simulator's faults
	 */
	public SimulatorFaults latency(Duration delay) {
		return add(ApiFault.latency(notNegative(delay, "delay")));
	}

	/**
	 * Answers the matching requests with a status and no body, without processing them.
	 * @param status the status, such as 500 or 503
	 * @return the simulator's faults
	 */
	public SimulatorFaults status(int status) {
		if (status < 100 || status > 599) {
			throw new IllegalArgumentException("'status' must be an HTTP status, was " + status);
		}
		return add(ApiFault.status(status));
	}

	/**
	 * Answers the matching requests with 429 and no body, without processing them, and
	 * without {@code Retry-After}: Checkout documents none ("Rate limits", June 2025).
	 * @return the simulator's faults
	 */
	public SimulatorFaults rateLimit() {
		return add(ApiFault.rateLimit(null));
	}

	/**
	 * Answers the matching requests with 429, a {@code Retry-After} header and no body,
	 * without processing them. Checkout does not document {@code Retry-After}; this tests
	 * clients that honour it anyway.
	 * @param retryAfter the {@code Retry-After} value, sent in whole seconds (a fraction
	 * rounds up)
	 * @return the simulator's faults
	 */
	public SimulatorFaults rateLimit(Duration retryAfter) {
		Objects.requireNonNull(retryAfter, "'retryAfter' must not be null");
		if (retryAfter.isNegative()) {
			throw new IllegalArgumentException("'retryAfter' must not be negative, was " + retryAfter);
		}
		return add(ApiFault.rateLimit(retryAfter));
	}

	/**
	 * Same as {@link #rateLimit(Duration)} with a number of seconds.
	 * @param retryAfterSeconds the {@code Retry-After} value, in seconds
	 * @return the simulator's faults
	 */
	public SimulatorFaults rateLimit(long retryAfterSeconds) {
		if (retryAfterSeconds < 0) {
			throw new IllegalArgumentException("'retryAfterSeconds' must not be negative, was " + retryAfterSeconds);
		}
		return rateLimit(Duration.ofSeconds(retryAfterSeconds));
	}

	/**
	 * Reads the matching requests fully, then resets the connection (TCP RST) without
	 * processing them: the client's request was sent, and nothing happened.
	 * @return the simulator's faults
	 */
	public SimulatorFaults resetBeforeProcessing() {
		return add(ApiFault.reset(Kind.RESET_BEFORE_PROCESSING, Duration.ZERO));
	}

	/**
	 * Processes the matching requests (a payment is created; a 2xx answer to a keyed
	 * request on an idempotent endpoint is stored for replay) and then resets the
	 * connection instead of answering: the client sees its request fail although it took
	 * effect.
	 * @return the simulator's faults
	 */
	public SimulatorFaults resetAfterProcessing() {
		return add(ApiFault.reset(Kind.RESET_AFTER_PROCESSING, Duration.ZERO));
	}

	/**
	 * Resets the connection at once while the matching requests are still processed:
	 * processing completes {@code processing} later (and a keyed 2xx answer is then
	 * stored), so that a same-key repeat in between gets the concurrent-duplicate answer.
	 * @param processing how long processing goes on after the reset
	 * @return the simulator's faults
	 */
	public SimulatorFaults resetWhileProcessing(Duration processing) {
		return add(ApiFault.reset(Kind.RESET_WHILE_PROCESSING, notNegative(processing, "processing")));
	}

	private SimulatorFaults add(ApiFault fault) {
		return this.faults.add(this.method, this.template, this.times, fault);
	}

	private static Duration notNegative(Duration duration, String name) {
		Objects.requireNonNull(duration, "'" + name + "' must not be null");
		if (duration.isNegative()) {
			throw new IllegalArgumentException("'" + name + "' must not be negative, was " + duration);
		}
		return duration;
	}

}
