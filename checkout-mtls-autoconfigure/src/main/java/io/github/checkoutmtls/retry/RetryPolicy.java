package io.github.checkoutmtls.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How often and how long to retry: bounded attempts, exponential backoff with jitter, and a deadline
 * for the whole request including its retries.
 *
 * @param maxAttempts attempts in all, the first included
 * @param initialBackoff backoff before the first retry, doubled for each further one
 * @param maxBackoff upper bound of one backoff
 * @param deadline time after which no further attempt starts, counted from the first
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration deadline) {

	/**
	 * Returns the backoff before a retry: half of the exponential delay, plus a random part of the other
	 * half, so that clients failed by the same outage do not retry in step.
	 * @param retry the number of the retry, from 1
	 * @param random random values from 0 (inclusive) to 1 (exclusive)
	 * @return the backoff
	 */
	public Duration backoff(int retry, DoubleSupplier random) {
		long exponential = this.initialBackoff.toMillis() << Math.min(retry - 1, 20);
		long capped = Math.min(Math.max(exponential, 0), this.maxBackoff.toMillis());
		long half = capped / 2;
		return Duration.ofMillis(half + (long) (random.getAsDouble() * (capped - half)));
	}

}
