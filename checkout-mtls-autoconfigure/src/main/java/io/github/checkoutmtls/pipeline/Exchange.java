package io.github.checkoutmtls.pipeline;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.diagnostics.CheckoutMtlsHandshakeException;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.pipeline.CheckoutRequestPipeline.PipelineSettings;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;
import reactor.core.publisher.Mono;

/**
 * One logical request and everything its attempts share: the idempotency key, the bytes
 * the first attempt wrote, the token refresh, the attempt budget, the deadline, and
 * whether an earlier attempt may have been processed without an answer. Attempts run one
 * after the other, never concurrently.
 */
final class Exchange {

	static final String IDEMPOTENCY_KEY = "Cko-Idempotency-Key";

	private static final int MAX_RESTARTS = 3;

	private final CheckoutRequestPipeline pipeline;

	private final PipelineSettings settings;

	private final HttpMethod method;

	private final URI uri;

	private final Function<? super ClientHttpRequest, Mono<Void>> callback;

	private final boolean usesToken;

	private final boolean safeMethod;

	private final boolean idempotentEndpoint;

	private final long deadline;

	private volatile boolean callbackUsed;

	private volatile RecordedRequest recorded;

	private volatile String key;

	private volatile Throwable unanswered;

	private volatile int attempts;

	private volatile int counted;

	private volatile int restarts;

	private volatile boolean tokenRefreshed;

	Exchange(CheckoutRequestPipeline pipeline, HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> callback) {
		this.pipeline = pipeline;
		this.settings = pipeline.settings();
		this.method = method;
		this.uri = uri;
		this.callback = callback;
		this.usesToken = pipeline.tokens() != null && pipeline.isApiOrigin(uri);
		this.safeMethod = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
		this.idempotentEndpoint = pipeline.isIdempotentEndpoint(method, uri);
		this.deadline = pipeline.nanoTime() + this.settings.deadline().toNanos();
	}

	Mono<ClientHttpResponse> start() {
		// Whatever the last attempt ended in, an earlier one that may have been processed
		// makes the outcome unknown.
		return attempt(true).onErrorMap(this::outcome);
	}

	// One operator and no predicate object per request: this runs for every request, the
	// mapping almost never.
	private Throwable outcome(Throwable ex) {
		if (this.unanswered == null || ex instanceof CheckoutOutcomeUnknownException) {
			return ex;
		}
		return unknown("an attempt got no answer after it was written, and the last one failed ("
				+ ex.getClass().getSimpleName() + ")", ex);
	}

	private Mono<ClientHttpResponse> attempt(boolean countsAgainstBudget) {
		this.attempts++;
		if (countsAgainstBudget) {
			this.counted++;
		}
		ClientIdentity identity = this.pipeline.connector().identity();
		if (this.usesToken) {
			return this.pipeline.tokens().token(identity).flatMap((token) -> send(identity, token));
		}
		return send(identity, null);
	}

	private Mono<ClientHttpResponse> send(ClientIdentity identity, AccessToken token) {
		Wire wire = new Wire();
		return this.pipeline.connector()
			.connect(this.method, this.uri, (request) -> write(request, wire, token))
			.contextWrite(CheckoutMtlsConnector.presenting(identity))
			.map(Result::of)
			.onErrorResume((ex) -> Mono.just(Result.failed(ex)))
			.flatMap((result) -> (result.response() != null) ? onResponse(result.response(), identity, token)
					: onFailure(result.failure(), wire, identity));
	}

	private Mono<Void> write(ClientHttpRequest request, Wire wire, AccessToken token) {
		wire.writing(request);
		if (!this.callbackUsed) {
			this.callbackUsed = true;
			return this.callback
				.apply(new RecordingRequest(request, (first) -> completeHeaders(first.getHeaders(), token),
						this.settings.maxReplayBodySize(), (recording) -> this.recorded = recording));
		}
		RecordedRequest replay = this.recorded;
		if (replay == null) {
			return Mono.error(new IllegalStateException("No recorded request to send again"));
		}
		request.getHeaders().putAll(replay.headers());
		request.getCookies().putAll(replay.cookies());
		if (token != null) {
			request.getHeaders().set(HttpHeaders.AUTHORIZATION, this.pipeline.bearerHeader(token));
		}
		byte[] body = replay.body();
		return (body != null) ? request.writeWith(Mono.fromSupplier(() -> request.bufferFactory().wrap(body)))
				: request.setComplete();
	}

	private void completeHeaders(HttpHeaders headers, AccessToken token) {
		if (this.idempotentEndpoint) {
			String existing = headers.getFirst(IDEMPOTENCY_KEY);
			if (existing == null && this.settings.autoGenerateKeys()) {
				existing = UUID.randomUUID().toString();
				headers.set(IDEMPOTENCY_KEY, existing);
			}
			this.key = existing;
		}
		if (token != null) {
			headers.set(HttpHeaders.AUTHORIZATION, this.pipeline.bearerHeader(token));
		}
	}

	private Mono<ClientHttpResponse> onResponse(ClientHttpResponse response, ClientIdentity identity,
			AccessToken token) {
		int status = response.getStatusCode().value();
		if (status == 401) {
			return onUnauthorized(response, identity, token);
		}
		if (this.unanswered != null && isInProgressAnswer(status)) {
			return askAgainLater(response, status);
		}
		if (isTransient(status) && mayResend() && retriesLeft()) {
			Duration delay = retryAfter(response);
			if (fits(delay)) {
				return release(response).then(retry(delay, "HTTP " + status));
			}
		}
		if (this.unanswered != null && (status >= 500 || isInProgressAnswer(status))) {
			return release(response).then(Mono
				.error(unknown("an attempt got no answer after it was written, and the last one got HTTP " + status,
						this.unanswered)));
		}
		return Mono.just(response);
	}

	// A 401 means Checkout did not authenticate the request (API reference: 401 = bad or
	// expired credentials), so nothing was processed: resending is safe.
	private Mono<ClientHttpResponse> onUnauthorized(ClientHttpResponse response, ClientIdentity identity,
			AccessToken token) {
		boolean budget = this.counted < this.settings.maxAttempts() || this.counted == 1;
		if (token == null || this.tokenRefreshed || !budget || (this.callbackUsed && this.recorded == null)) {
			warnUnauthorized(identity, token != null);
			return Mono.just(response);
		}
		this.tokenRefreshed = true;
		return this.pipeline.tokens()
			.replaceRefused(token)
			.flatMap((fresh) -> release(response).then(Mono.defer(() -> attempt(true))))
			.switchIfEmpty(Mono.fromSupplier(() -> {
				warnUnauthorized(identity, true);
				return response;
			}));
	}

	private void warnUnauthorized(ClientIdentity identity, boolean bearerToken) {
		this.pipeline.unauthorized().warn(this.method, this.uri.getRawPath(), identity, bearerToken);
	}

	// 429, 502, 503, 504; a switch rather than a set, so that a 200 is not boxed on every
	// request.
	private static boolean isTransient(int status) {
		return switch (status) {
			case 429, 502, 503, 504 -> true;
			default -> false;
		};
	}

	// Checkout answers a repeat of a keyed request still being processed with 429 (docs
	// "Idempotency", Jan 2026) or 409 (a newer support article).
	private boolean isInProgressAnswer(int status) {
		return (status == 429 || status == 409) && this.idempotentEndpoint && this.key != null;
	}

	private Mono<ClientHttpResponse> askAgainLater(ClientHttpResponse response, int status) {
		Duration wait = this.settings.inProgressBackoff();
		if (!fits(wait)) {
			return release(response).then(Mono.error(unknown("Checkout still reported it in progress (HTTP " + status
					+ ") when checkout.mtls.retry.deadline was reached", this.unanswered)));
		}
		debug("in progress at Checkout (HTTP " + status + ")", wait);
		return release(response).then(Mono.delay(wait, this.pipeline.scheduler()))
			.then(Mono.defer(() -> attempt(false)));
	}

	private Mono<ClientHttpResponse> onFailure(Throwable failure, Wire wire, ClientIdentity identity) {
		FailureKind kind = FailureKind.of(failure, wire);
		return switch (kind) {
			case IDENTITY_REPLACED -> restart(failure);
			case CONNECT -> retryOrFail(failure, "connect failure");
			case HANDSHAKE_REJECTED -> Mono.error(diagnosed(failure, identity, rejectionOf(failure), true));
			case SERVER_UNTRUSTED -> Mono.error(diagnosed(failure, identity,
					CheckoutMtlsHandshakeException.Rejection.SERVER_CERTIFICATE_UNTRUSTED, true));
			case RESET_ON_NEW_TLS13_CONNECTION -> resetOnNewConnection(failure, identity);
			case TRANSPORT_AFTER_WRITE -> lostAfterWrite(failure);
			case TIMEOUT_AFTER_WRITE -> this.safeMethod ? Mono.error(failure) : Mono
				.error(unknown("no response within checkout.mtls.http.response-timeout after it was written", failure));
			case UNRESOLVED_HOST, OTHER -> Mono.error(failure);
		};
	}

	private Mono<ClientHttpResponse> restart(Throwable failure) {
		if (this.restarts++ >= MAX_RESTARTS) {
			return Mono.error(failure);
		}
		this.attempts--;
		this.counted--;
		return Mono.defer(() -> attempt(true));
	}

	private Mono<ClientHttpResponse> retryOrFail(Throwable failure, String reason) {
		if (mayResend() && retriesLeft()) {
			Duration delay = backoff();
			if (fits(delay)) {
				return retry(delay, reason);
			}
		}
		return Mono.error(failure);
	}

	// Never sent again: on TLS 1.3 this is how a refused certificate arrives. A request
	// that may have changed
	// state still ends unknown, with the diagnosis as its cause, since the signal is not
	// proof.
	private Mono<ClientHttpResponse> resetOnNewConnection(Throwable failure, ClientIdentity identity) {
		if (this.safeMethod) {
			return Mono
				.error(diagnosed(failure, identity, CheckoutMtlsHandshakeException.Rejection.CONNECTION_RESET, true));
		}
		CheckoutMtlsHandshakeException diagnosis = diagnosed(failure, identity,
				CheckoutMtlsHandshakeException.Rejection.CONNECTION_RESET, false);
		return Mono.error(unknown("a new TLS 1.3 connection was reset right after the request was written, before"
				+ " the server sent anything: most likely Checkout refused the client certificate ("
				+ diagnosis.getMessage() + ")", diagnosis));
	}

	private Mono<ClientHttpResponse> lostAfterWrite(Throwable failure) {
		if (!this.safeMethod) {
			this.unanswered = failure;
		}
		if (mayResend() && retriesLeft()) {
			Duration delay = backoff();
			if (fits(delay)) {
				return retry(delay, "connection lost after the request was written");
			}
		}
		return this.safeMethod ? Mono.error(failure) : Mono
			.error(unknown("the connection was lost after the request was written, before any response", failure));
	}

	private Mono<ClientHttpResponse> retry(Duration delay, String reason) {
		debug(reason, delay);
		return Mono.delay(delay, this.pipeline.scheduler()).then(Mono.defer(() -> attempt(true)));
	}

	private void debug(String reason, Duration delay) {
		if (CheckoutRequestPipeline.logger.isDebugEnabled()) {
			CheckoutRequestPipeline.logger.debug("Sending " + this.method + " " + this.uri.getRawPath() + " again in "
					+ delay.toMillis() + " ms after " + reason + " (attempt " + (this.attempts + 1) + ")");
		}
	}

	// Once written, only a request that cannot take effect twice is sent again, and only
	// with the bytes kept.
	private boolean mayResend() {
		if (!this.callbackUsed) {
			return true;
		}
		return this.recorded != null && (this.safeMethod || (this.idempotentEndpoint && this.key != null));
	}

	private boolean retriesLeft() {
		return this.settings.retryEnabled() && this.counted < this.settings.maxAttempts();
	}

	private boolean fits(Duration delay) {
		return this.pipeline.nanoTime() + delay.toNanos() - this.deadline <= 0;
	}

	private Duration backoff() {
		return this.settings.backoff(this.counted, this.pipeline.random());
	}

	private Duration retryAfter(ClientHttpResponse response) {
		Duration retryAfter = RetryAfter.parse(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER),
				this.pipeline.clock().instant());
		return (retryAfter != null) ? retryAfter : backoff();
	}

	private static CheckoutMtlsHandshakeException.Rejection rejectionOf(Throwable failure) {
		return FailureKind.isConnectionLost(failure) ? CheckoutMtlsHandshakeException.Rejection.CONNECTION_RESET
				: CheckoutMtlsHandshakeException.Rejection.CLIENT_CERTIFICATE_REJECTED;
	}

	private CheckoutMtlsHandshakeException diagnosed(Throwable failure, ClientIdentity identity,
			CheckoutMtlsHandshakeException.Rejection rejection, boolean report) {
		CheckoutMtlsHandshakeException diagnosed = CheckoutMtlsHandshakeException.of(failure, this.method, this.uri,
				rejection, identity, this.pipeline.clock().instant());
		if (report) {
			this.pipeline.handshakeFailed(diagnosed);
		}
		return diagnosed;
	}

	private CheckoutOutcomeUnknownException unknown(String reason, Throwable cause) {
		return new CheckoutOutcomeUnknownException(this.method, this.uri, this.key, this.attempts, reason, cause);
	}

	private static Mono<Void> release(ClientHttpResponse response) {
		return response.getBody().doOnNext(DataBufferUtils::release).onErrorResume((ex) -> Mono.empty()).then();
	}

	private record Result(ClientHttpResponse response, Throwable failure) {

		static Result of(ClientHttpResponse response) {
			return new Result(response, null);
		}

		static Result failed(Throwable failure) {
			return new Result(null, failure);
		}

	}

}
