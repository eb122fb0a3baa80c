package io.github.checkoutmtls.test.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault being set up for the requests matching a method and a path template, from
 * {@link SimulatorFaults#on(String, String)}. Each method that names a fault adds it and returns the
 * {@link SimulatorFaults}, so that more can be chained.
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
	 * Limits the fault to the next {@code times} matching requests; without it the fault applies until
	 * cleared.
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
	 * Delays the matching requests, without blocking an event loop, then processes them normally. A
	 * request with a {@code Cko-Idempotency-Key} holds its key during the delay, so that a repeat gets 409.
	 * @param delay the delay
	 * @return the simulator's faults
	 */
	public SimulatorFaults latency(Duration delay) {
		Objects.requireNonNull(delay, "'delay' must not be null");
		return add(ApiFault.latency(delay));
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
	 * Answers the matching requests with 429, a {@code Retry-After} header and no body, without processing
	 * them.
	 * @param retryAfterSeconds the {@code Retry-After} value, in seconds
	 * @return the simulator's faults
	 */
	public SimulatorFaults rateLimit(long retryAfterSeconds) {
		if (retryAfterSeconds < 0) {
			throw new IllegalArgumentException("'retryAfterSeconds' must not be negative, was " + retryAfterSeconds);
		}
		return add(ApiFault.rateLimit(retryAfterSeconds));
	}

	/**
	 * Processes the matching requests (a payment is created, an idempotency key records the response) and
	 * then resets the connection (SO_LINGER 0) instead of answering: the client sees its request fail
	 * although it took effect, as after a network failure on the way back.
	 * @return the simulator's faults
	 */
	public SimulatorFaults resetAfterProcessing() {
		return add(ApiFault.resetAfterProcessing());
	}

	private SimulatorFaults add(ApiFault fault) {
		return this.faults.add(this.method, this.template, this.times, fault);
	}

}
