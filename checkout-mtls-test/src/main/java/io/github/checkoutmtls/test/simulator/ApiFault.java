package io.github.checkoutmtls.test.simulator;

import java.time.Duration;

/**
 * One kind of fault for API requests, as {@link PathFaults} sets it up.
 *
 * @param kind what the fault does
 * @param status the status of a {@link Kind#STATUS} fault
 * @param latency the delay of a {@link Kind#LATENCY} fault
 * @param retryAfterSeconds the {@code Retry-After} of a {@link Kind#RATE_LIMIT} fault
 */
record ApiFault(Kind kind, int status, Duration latency, long retryAfterSeconds) {

	static ApiFault latency(Duration latency) {
		return new ApiFault(Kind.LATENCY, 0, latency, 0);
	}

	static ApiFault status(int status) {
		return new ApiFault(Kind.STATUS, status, Duration.ZERO, 0);
	}

	static ApiFault rateLimit(long retryAfterSeconds) {
		return new ApiFault(Kind.RATE_LIMIT, 429, Duration.ZERO, retryAfterSeconds);
	}

	static ApiFault resetAfterProcessing() {
		return new ApiFault(Kind.RESET_AFTER_PROCESSING, 0, Duration.ZERO, 0);
	}

	/**
	 * Returns whether the fault answers in place of the API, so the request is not processed.
	 * @return whether the request is refused
	 */
	boolean refuses() {
		return this.kind == Kind.STATUS || this.kind == Kind.RATE_LIMIT;
	}

	/**
	 * Returns the answer of a fault that {@link #refuses() refuses} the request: no body, and for 429 a
	 * {@code Retry-After}.
	 * @return the response
	 */
	SimulatorResponse refusal() {
		SimulatorResponse response = SimulatorResponse.empty(this.status);
		return (this.kind == Kind.RATE_LIMIT)
				? response.withHeader("Retry-After", Long.toString(this.retryAfterSeconds)) : response;
	}

	/**
	 * Returns how {@link RecordedExchange#fault()} names the fault.
	 * @return for example {@code status 503}, {@code latency PT1S}, {@code rate limit} or
	 * {@code reset after processing}
	 */
	String description() {
		return switch (this.kind) {
			case LATENCY -> "latency " + this.latency;
			case STATUS -> "status " + this.status;
			case RATE_LIMIT -> "rate limit";
			case RESET_AFTER_PROCESSING -> "reset after processing";
		};
	}

	enum Kind {

		LATENCY, STATUS, RATE_LIMIT, RESET_AFTER_PROCESSING

	}

}
