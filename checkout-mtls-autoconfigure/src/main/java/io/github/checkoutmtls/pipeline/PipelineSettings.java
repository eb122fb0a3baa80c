package io.github.checkoutmtls.pipeline;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * What the request pipeline needs to know, bound from {@code checkout.mtls.retry.*} and
 * {@code checkout.mtls.idempotency.*}.
 *
 * @param apiBaseUrl the API host's base URL: only its origin gets tokens and idempotency
 * keys
 * @param retryEnabled whether transient failures are retried
 * @param maxAttempts attempts of one request in all, the first and a 401 token refresh
 * included
 * @param initialBackoff backoff before the first retry, doubled for each further one,
 * with jitter
 * @param maxBackoff upper bound of one backoff
 * @param deadline time after the first attempt started beyond which no attempt starts
 * @param inProgressBackoff wait before asking again about a request Checkout reports as
 * still in progress
 * @param maxReplayBodySize largest body kept to be sent again; a larger one is never
 * resent once written
 * @param autoGenerateKeys whether a POST to an idempotent endpoint without a key gets a
 * random one
 * @param idempotentEndpoints path patterns of the endpoints on which Checkout honours
 * idempotency keys
 */
public record PipelineSettings(URI apiBaseUrl, boolean retryEnabled, int maxAttempts, Duration initialBackoff,
		Duration maxBackoff, Duration deadline, Duration inProgressBackoff, long maxReplayBodySize,
		boolean autoGenerateKeys, List<String> idempotentEndpoints) {

	/**
	 * Checkout's idempotent endpoints (docs "Idempotency", updated Aug and Nov 2024, Feb
	 * 2025 and Jan 2026).
	 */
	public static final List<String> CHECKOUT_IDEMPOTENT_ENDPOINTS = IdempotentEndpoints.CHECKOUT_DEFAULTS;

	/**
	 * Copies the endpoint list.
	 */
	public PipelineSettings {
		idempotentEndpoints = List.copyOf(idempotentEndpoints);
	}

	/**
	 * Returns the backoff before a retry: half of the exponential delay, plus a random
	 * part of the other half, so that clients failed by the same outage do not retry in
	 * step.
	 * @param retry the number of the retry, from 1
	 * @param random a random value from 0 (inclusive) to 1 (exclusive)
	 * @return the backoff
	 */
	Duration backoff(int retry, double random) {
		long exponential = this.initialBackoff.toMillis() << Math.min(Math.max(retry - 1, 0), 20);
		long capped = Math.min(Math.max(exponential, 0), this.maxBackoff.toMillis());
		long half = capped / 2;
		return Duration.ofMillis(half + (long) (random * (capped - half)));
	}

}
