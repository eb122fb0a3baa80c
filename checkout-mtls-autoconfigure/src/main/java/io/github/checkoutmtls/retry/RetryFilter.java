package io.github.checkoutmtls.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

import reactor.core.publisher.Mono;

/**
 * Retries requests that failed transiently: connect failures, connection resets, 502, 503, 504 and 429
 * (after its {@code Retry-After}). A request that may have reached Checkout (a POST or PATCH whose
 * connection was reset after it was written, or answered with one of those statuses) is repeated only
 * when its method is idempotent or it carries a {@code Cko-Idempotency-Key}. Attempts are bounded, spaced
 * by exponential backoff with jitter, and none starts after the deadline. A refused TLS handshake is not
 * retried. Meant to be the innermost filter, so that a 401 is the bearer filter's business.
 */
public final class RetryFilter implements ExchangeFilterFunction {

	private static final Log logger = LogFactory.getLog(RetryFilter.class);

	private final RetryPolicy policy;

	private final Clock clock;

	/**
	 * Creates a filter.
	 * @param policy how often and how long to retry
	 * @param clock the clock for the deadline and {@code Retry-After} dates
	 */
	public RetryFilter(RetryPolicy policy, Clock clock) {
		this.policy = policy;
		this.clock = clock;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return Mono.defer(() -> attempt(request, next, 1, this.clock.instant().plus(this.policy.deadline())));
	}

	private Mono<ClientResponse> attempt(ClientRequest request, ExchangeFunction next, int number, Instant deadline) {
		AtomicBoolean written = new AtomicBoolean();
		// Only a request that is not safe to replay needs to know whether it was written: spare the others a copy.
		ClientRequest sent = Retryability.isReplaySafe(request) ? request : tracked(request, written);
		return next.exchange(sent)
			.map(Attempt::of)
			.onErrorResume((ex) -> Mono.just(Attempt.failed(ex, written.get())))
			.flatMap((attempt) -> retryOrComplete(request, next, number, deadline, attempt));
	}

	private Mono<ClientResponse> retryOrComplete(ClientRequest request, ExchangeFunction next, int number,
			Instant deadline, Attempt attempt) {
		Duration delay = delayBeforeRetry(request, number, attempt);
		if (delay == null || this.clock.instant().plus(delay).isAfter(deadline)) {
			return attempt.result();
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Retrying " + request.method() + " " + request.url().getPath() + " in " + delay.toMillis()
					+ " ms after " + attempt.describe() + " (attempt " + (number + 1) + " of "
					+ this.policy.maxAttempts() + ")");
		}
		return attempt.release()
			.then(Mono.delay(delay))
			.then(Mono.defer(() -> attempt(request, next, number + 1, deadline)));
	}

	private Duration delayBeforeRetry(ClientRequest request, int number, Attempt attempt) {
		if (number >= this.policy.maxAttempts() || !Retryability.isRetryable(request, attempt)) {
			return null;
		}
		Duration retryAfter = (attempt.response() != null) ? RetryAfter
			.parse(attempt.response().headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER), this.clock.instant())
				: null;
		return (retryAfter != null) ? retryAfter : this.policy.backoff(number, ThreadLocalRandom.current()::nextDouble);
	}

	// Whether the request started to be written tells a reset before it from one after it.
	private static ClientRequest tracked(ClientRequest request, AtomicBoolean written) {
		BodyInserter<?, ? super ClientHttpRequest> body = request.body();
		BodyInserter<Object, ClientHttpRequest> tracking = (message, context) -> {
			written.set(true);
			return body.insert(message, context);
		};
		return ClientRequest.from(request).body(tracking).build();
	}

}
