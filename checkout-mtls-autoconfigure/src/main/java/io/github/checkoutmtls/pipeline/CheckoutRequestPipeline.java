package io.github.checkoutmtls.pipeline;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.diagnostics.CheckoutMtlsHandshakeException;
import io.github.checkoutmtls.diagnostics.HandshakeFailureListener;
import io.github.checkoutmtls.token.TokenCache;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The connector every Checkout client of the starter talks to ({@code checkoutWebClient},
 * {@code checkoutRestClient}, the {@code checkout} HTTP service group): one pipeline per
 * logical request, beneath every filter, interceptor and customizer, over the
 * {@link CheckoutMtlsConnector} and its pool.
 *
 * <p>
 * Per request, in this order, it:
 * <ol>
 * <li>pins the request to the current client identity (a certificate swap mid-request
 * starts it over before anything is sent);</li>
 * <li>in jwt mode, adds the bearer token bound to that identity, on the API host's origin
 * only;</li>
 * <li>adds a {@code Cko-Idempotency-Key} to a POST that has none, on the endpoints where
 * Checkout honours one;</li>
 * <li>writes the request and keeps the exact bytes it wrote (up to
 * {@code max-replay-body-size}), so that every repeat sends the same bytes and key;</li>
 * <li>decides, from what happened on the wire, whether to send it again: a 401 in jwt
 * mode once with a fresh token; a failure before the request reached a connection, or
 * 429/502/503/504, within one attempt budget and one deadline; a request already written
 * only when repeating it cannot take effect twice (GET, HEAD, or a keyed POST to an
 * idempotent endpoint); Checkout's answer for a keyed request still in progress by
 * waiting and asking again until the deadline;</li>
 * <li>ends in a response, Checkout's final answer, a
 * {@link CheckoutMtlsHandshakeException} for a refused handshake, or a
 * {@link CheckoutOutcomeUnknownException} when a request that may have changed state got
 * no final answer: never a guess.</li>
 * </ol>
 */
public final class CheckoutRequestPipeline implements ClientHttpConnector {

	static final Log logger = LogFactory.getLog(CheckoutRequestPipeline.class);

	private final CheckoutMtlsConnector connector;

	private final PipelineSettings settings;

	private final IdempotentEndpoints endpoints;

	private final TokenCache tokens;

	private final HandshakeFailureListener handshakeFailures;

	private final UnauthorizedWarning unauthorized;

	private final Clock clock;

	private final LongSupplier nanoTime;

	// Null for Reactor's parallel scheduler, taken on the first delayed retry rather than
	// created (its class and threads) during the application's start.
	private final @Nullable Scheduler scheduler;

	private final DoubleSupplier random;

	private volatile BearerHeader bearer;

	/**
	 * Creates a pipeline.
	 * @param connector the connector presenting the current client identity
	 * @param settings the retry and idempotency settings
	 * @param tokens the token cache in jwt mode, or {@code null} in certificate mode
	 * @param handshakeFailures told about every refused handshake
	 */
	public CheckoutRequestPipeline(CheckoutMtlsConnector connector, PipelineSettings settings, TokenCache tokens,
			HandshakeFailureListener handshakeFailures) {
		this(connector, settings, tokens, handshakeFailures, Clock.systemUTC(), System::nanoTime, null,
				() -> ThreadLocalRandom.current().nextDouble(), Duration.ofMinutes(1));
	}

	CheckoutRequestPipeline(CheckoutMtlsConnector connector, PipelineSettings settings, TokenCache tokens,
			HandshakeFailureListener handshakeFailures, Clock clock, LongSupplier nanoTime,
			@Nullable Scheduler scheduler, DoubleSupplier random, Duration unauthorizedWarningInterval) {
		this.connector = connector;
		this.settings = settings;
		this.endpoints = new IdempotentEndpoints(settings.idempotentEndpoints(), settings.apiBaseUrl().getRawPath());
		this.tokens = tokens;
		this.handshakeFailures = handshakeFailures;
		this.clock = clock;
		this.nanoTime = nanoTime;
		this.scheduler = scheduler;
		this.random = random;
		this.unauthorized = new UnauthorizedWarning(unauthorizedWarningInterval, nanoTime);
	}

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		return new Request(this, method, uri, requestCallback);
	}

	/**
	 * Returns the connector beneath the pipeline.
	 * @return the connector
	 */
	public CheckoutMtlsConnector connector() {
		return this.connector;
	}

	PipelineSettings settings() {
		return this.settings;
	}

	TokenCache tokens() {
		return this.tokens;
	}

	Clock clock() {
		return this.clock;
	}

	long nanoTime() {
		return this.nanoTime.getAsLong();
	}

	Scheduler scheduler() {
		return (this.scheduler != null) ? this.scheduler : Schedulers.parallel();
	}

	double random() {
		return this.random.getAsDouble();
	}

	// One header value per token, not one string of a token's length per request.
	String bearerHeader(AccessToken token) {
		BearerHeader last = this.bearer;
		if (last == null || last.token() != token) {
			last = new BearerHeader(token, "Bearer " + token.value());
			this.bearer = last;
		}
		return last.value();
	}

	UnauthorizedWarning unauthorized() {
		return this.unauthorized;
	}

	boolean isApiOrigin(URI uri) {
		URI base = this.settings.apiBaseUrl();
		return base.getScheme().equalsIgnoreCase(uri.getScheme()) && base.getHost().equalsIgnoreCase(uri.getHost())
				&& port(base) == port(uri);
	}

	boolean isIdempotentEndpoint(HttpMethod method, URI uri) {
		return HttpMethod.POST.equals(method) && isApiOrigin(uri) && this.endpoints.matches(uri.getRawPath());
	}

	// A listener's failure must never become the request's failure: whatever it throws
	// is logged, but for the JVM's own failures (out of memory, a stack overflow), the
	// rule of every listener the starter calls.
	void handshakeFailed(CheckoutMtlsHandshakeException failure) {
		try {
			this.handshakeFailures.handshakeFailed(failure);
		}
		catch (RuntimeException | Error ex) {
			if (ex instanceof VirtualMachineError fatal) {
				throw fatal;
			}
			logger.warn("A HandshakeFailureListener failed; the request's own failure is unchanged", ex);
		}
	}

	/**
	 * One logical request: each subscription is one {@link Exchange}, as with
	 * {@code Mono.defer}, with one object less on every request.
	 */
	private static final class Request extends Mono<ClientHttpResponse> {

		private final CheckoutRequestPipeline pipeline;

		private final HttpMethod method;

		private final URI uri;

		private final Function<? super ClientHttpRequest, Mono<Void>> requestCallback;

		Request(CheckoutRequestPipeline pipeline, HttpMethod method, URI uri,
				Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
			this.pipeline = pipeline;
			this.method = method;
			this.uri = uri;
			this.requestCallback = requestCallback;
		}

		@Override
		public void subscribe(CoreSubscriber<? super ClientHttpResponse> actual) {
			Exchange exchange;
			try {
				exchange = new Exchange(this.pipeline, this.method, this.uri, this.requestCallback);
			}
			catch (RuntimeException ex) {
				Operators.error(actual, ex);
				return;
			}
			exchange.attempt(true, actual);
		}

	}

	private record BearerHeader(AccessToken token, String value) {

		@Override
		public String toString() {
			return "BearerHeader[token=" + this.token + "]";
		}

	}

	private static int port(URI url) {
		if (url.getPort() != -1) {
			return url.getPort();
		}
		return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
	}

	/**
	 * What the request pipeline needs to know, bound from {@code checkout.mtls.retry.*}
	 * and {@code checkout.mtls.idempotency.*}.
	 *
	 * @param apiBaseUrl the API host's base URL: only its origin gets tokens and
	 * idempotency keys
	 * @param retryEnabled whether transient failures are retried
	 * @param maxAttempts attempts of one request in all, the first and a 401 token
	 * refresh included
	 * @param initialBackoff backoff before the first retry, doubled for each further one,
	 * with jitter
	 * @param maxBackoff upper bound of one backoff
	 * @param deadline time after the first attempt started beyond which no attempt starts
	 * @param inProgressBackoff wait before asking again about a request Checkout reports
	 * as still in progress
	 * @param maxReplayBodySize largest body kept to be sent again; a larger one is never
	 * resent once written
	 * @param autoGenerateKeys whether a POST to an idempotent endpoint without a key gets
	 * a random one
	 * @param idempotentEndpoints path patterns of the endpoints on which Checkout honours
	 * idempotency keys
	 */
	public record PipelineSettings(URI apiBaseUrl, boolean retryEnabled, int maxAttempts, Duration initialBackoff,
			Duration maxBackoff, Duration deadline, Duration inProgressBackoff, long maxReplayBodySize,
			boolean autoGenerateKeys, List<String> idempotentEndpoints) {

		/**
		 * Checkout's idempotent endpoints (docs "Idempotency", updated Aug and Nov 2024,
		 * Feb 2025 and Jan 2026).
		 */
		public static final List<String> CHECKOUT_IDEMPOTENT_ENDPOINTS = IdempotentEndpoints.CHECKOUT_DEFAULTS;

		/**
		 * Copies the endpoint list.
		 */
		public PipelineSettings {
			idempotentEndpoints = List.copyOf(idempotentEndpoints);
		}

		/**
		 * Returns the backoff before a retry: half of the exponential delay, plus a
		 * random part of the other half, so that clients failed by the same outage do not
		 * retry in step.
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

}
