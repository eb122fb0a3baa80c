package io.github.checkoutmtls.test.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Faults for the next token requests, applied first in, first out, one per request.
 * Requests with no fault queued are answered normally.
 */
public final class TokenFaults {

	private final ConcurrentLinkedQueue<Fault> queue = new ConcurrentLinkedQueue<>();

	TokenFaults() {
	}

	/**
	 * Answers the next {@code count} token requests with {@code httpStatus} and no body.
	 * @param count how many requests
	 * @param httpStatus the status, for example 503
	 * @return this instance
	 */
	public TokenFaults failNext(int count, int httpStatus) {
		return add(count, new Fault(httpStatus, null, Duration.ZERO));
	}

	/**
	 * Delays the next {@code count} token requests, without blocking an event loop, then
	 * answers them normally.
	 * @param count how many requests
	 * @param delay the delay
	 * @return this instance
	 */
	public TokenFaults delayNext(int count, Duration delay) {
		Objects.requireNonNull(delay, "'delay' must not be null");
		return add(count, new Fault(0, null, delay));
	}

	/**
	 * Answers the next {@code count} token requests with 400 and {@code {"error":
	 * oauthError}}.
	 * @param count how many requests
	 * @param oauthError the OAuth 2.0 error code, for example {@code invalid_client}
	 * @return this instance
	 */
	public TokenFaults errorNext(int count, String oauthError) {
		Objects.requireNonNull(oauthError, "'oauthError' must not be null");
		return add(count, new Fault(400, oauthError, Duration.ZERO));
	}

	/**
	 * Drops every queued fault.
	 */
	public void clear() {
		this.queue.clear();
	}

	Optional<Fault> next() {
		return Optional.ofNullable(this.queue.poll());
	}

	private TokenFaults add(int count, Fault fault) {
		for (int i = 0; i < count; i++) {
			this.queue.add(fault);
		}
		return this;
	}

	/**
	 * One fault: a status (0 for none), an OAuth error (for a body) and a delay.
	 */
	record Fault(int status, String oauthError, Duration delay) {

	}

}
