package io.github.checkoutmtls.test.simulator;

import java.time.Duration;

/**
 * One kind of fault for API requests, as {@link PathFaults} sets it up.
 *
 * @param kind what the fault does
 * @param status the status of a {@link Kind#STATUS} or {@link Kind#RATE_LIMIT} fault
 * @param delay the delay of a {@link Kind#LATENCY} fault, or the processing time of a
 * {@link Kind#RESET_WHILE_PROCESSING} one
 * @param retryAfter the {@code Retry-After} of a {@link Kind#RATE_LIMIT} fault, or
 * {@code null} for none
 */
record ApiFault(Kind kind, int status, Duration delay, Duration retryAfter) {

	static ApiFault latency(Duration latency) {
		return new ApiFault(Kind.LATENCY, 0, latency, null);
	}

	static ApiFault status(int status) {
		return new ApiFault(Kind.STATUS, status, Duration.ZERO, null);
	}

	static ApiFault rateLimit(Duration retryAfter) {
		return new ApiFault(Kind.RATE_LIMIT, 429, Duration.ZERO, retryAfter);
	}

	static ApiFault reset(Kind kind, Duration processing) {
		return new ApiFault(kind, 0, processing, null);
	}

	/**
	 * Returns whether the fault answers in place of the API, so the request is not
	 * processed and its idempotency key is not looked at.
	 * @return whether the request is refused
	 */
	boolean refuses() {
		return this.kind == Kind.STATUS || this.kind == Kind.RATE_LIMIT || this.kind == Kind.RESET_BEFORE_PROCESSING;
	}

	/**
	 * Returns whether the connection is reset instead of writing a response.
	 * @return whether the fault resets
	 */
	boolean resets() {
		return this.kind == Kind.RESET_BEFORE_PROCESSING || this.kind == Kind.RESET_AFTER_PROCESSING
				|| this.kind == Kind.RESET_WHILE_PROCESSING;
	}

	/**
	 * Returns what a fault that {@link #refuses() refuses} the request does: a status
	 * without a body (for 429 with the optional {@code Retry-After}), or a reset.
	 * @return the outcome
	 */
	Outcome refusal() {
		if (this.kind == Kind.RESET_BEFORE_PROCESSING) {
			return Outcome.reset(null);
		}
		SimulatorResponse response = SimulatorResponse.empty(this.status);
		return Outcome.of((this.retryAfter != null)
				? response.withHeader("Retry-After", Long.toString(retryAfterSeconds())) : response);
	}

	private long retryAfterSeconds() {
		// Retry-After is whole seconds (RFC 9110 10.2.3): round a fraction up, never down
		// to "retry now"
		return this.retryAfter.toSeconds() + ((this.retryAfter.toNanosPart() > 0) ? 1 : 0);
	}

	/**
	 * Returns how {@link RecordedExchange#fault()} names the fault.
	 * @return for example {@code status 503}, {@code latency PT1S}, {@code rate limit} or
	 * {@code reset while processing PT1S}
	 */
	String description() {
		return switch (this.kind) {
			case LATENCY -> "latency " + this.delay;
			case STATUS -> "status " + this.status;
			case RATE_LIMIT -> "rate limit";
			case RESET_BEFORE_PROCESSING -> "reset before processing";
			case RESET_AFTER_PROCESSING -> "reset after processing";
			case RESET_WHILE_PROCESSING -> "reset while processing " + this.delay;
		};
	}

	enum Kind {

		LATENCY, STATUS, RATE_LIMIT, RESET_BEFORE_PROCESSING, RESET_AFTER_PROCESSING, RESET_WHILE_PROCESSING

	}

}
