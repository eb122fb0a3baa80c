package io.github.checkoutmtls.pipeline;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;

import io.github.checkoutmtls.diagnostics.CheckoutMtlsHandshakeException;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.pipeline.CheckoutRequestPipeline.PipelineSettings;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;
import reactor.core.CoreSubscriber;
import reactor.core.Fuseable;
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

	private static final Duration LONGEST_DELAY = Duration.ofNanos(Long.MAX_VALUE);

	private final CheckoutRequestPipeline pipeline;

	private final PipelineSettings settings;

	private final HttpMethod method;

	private final URI uri;

	private final Function<? super ClientHttpRequest, Mono<Void>> callback;

	private final boolean usesToken;

	private final boolean safeMethod;

	private final boolean idempotentEndpoint;

	// Whether a request once written may ever be sent again in certificate mode: a GET or
	// HEAD, or a POST to an idempotent endpoint. Any other one is never resent once
	// written, so its bytes are not kept (in jwt mode they are: a 401 is resent with a
	// fresh token).
	private final boolean mayReplay;

	private final long deadline;

	// Plain fields, but one: attempts run one after the other, never concurrently, and
	// each step reaches the next through Reactor or Netty (a subscription, a scheduler's
	// queue, the connection's event loop), which orders memory between them, as it does
	// for the state of Reactor's own operators.
	private boolean callbackUsed;

	// Volatile: the caller's body may complete, and so be recorded, on a thread of its
	// own, while the connection's event loop decides on an early answer.
	private volatile RecordedRequest recorded;

	private String key;

	private Throwable unanswered;

	private int attempts;

	private int counted;

	private int restarts;

	private boolean tokenRefreshed;

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
		this.mayReplay = this.safeMethod || this.idempotentEndpoint;
		this.deadline = pipeline.nanoTime() + this.settings.deadline().toNanos();
	}

	// Whatever the last attempt ended in, an earlier one that may have been processed
	// makes the outcome unknown. Applied by every attempt to the error it passes on:
	// once mapped, an error stays as it is, so applying it again changes nothing.
	Throwable outcome(Throwable ex) {
		if (this.unanswered == null || ex instanceof CheckoutOutcomeUnknownException) {
			return ex;
		}
		return unknown("an attempt got no answer after it was written, and the last one failed ("
				+ ex.getClass().getSimpleName() + ")", ex);
	}

	// Another attempt, started when subscribed (after a backoff, a token refresh).
	private Mono<ClientHttpResponse> attempt(boolean countsAgainstBudget) {
		return new Mono<>() {

			@Override
			public void subscribe(CoreSubscriber<? super ClientHttpResponse> actual) {
				attempt(countsAgainstBudget, actual);
			}

		};
	}

	/**
	 * Runs an attempt for the caller: the first one, or one started over.
	 * @param countsAgainstBudget whether it counts against the attempt budget
	 * @param actual the caller
	 */
	void attempt(boolean countsAgainstBudget, CoreSubscriber<? super ClientHttpResponse> actual) {
		this.attempts++;
		if (countsAgainstBudget) {
			this.counted++;
		}
		ClientIdentity identity = this.pipeline.connector().identity();
		if (this.usesToken) {
			attemptWithToken(identity, actual);
			return;
		}
		send(identity, null, actual);
	}

	private void attemptWithToken(ClientIdentity identity, CoreSubscriber<? super ClientHttpResponse> actual) {
		Mono<AccessToken> token = this.pipeline.tokens().token(identity);
		AccessToken cached = valueOf(token);
		if (cached != null) {
			send(identity, cached, actual);
			return;
		}
		token.flatMap((fetched) -> new Mono<ClientHttpResponse>() {

			@Override
			public void subscribe(CoreSubscriber<? super ClientHttpResponse> subscriber) {
				send(identity, fetched, subscriber);
			}

		}).onErrorMap(this::outcome).subscribe(actual);
	}

	// A cached token comes as Mono.just: taken as it is, without an operator to wait for
	// it. Anything else (a fetch, a failure) is subscribed to.
	private static @Nullable AccessToken valueOf(Mono<AccessToken> token) {
		if (token instanceof Fuseable.ScalarCallable<?> scalar) {
			try {
				return (AccessToken) scalar.call();
			}
			catch (Exception ex) {
				return null;
			}
		}
		return null;
	}

	// Pinned to the identity read for this attempt: a swap since then fails it before
	// anything is sent.
	private void send(ClientIdentity identity, @Nullable AccessToken token,
			CoreSubscriber<? super ClientHttpResponse> actual) {
		Attempt attempt = new Attempt(this, identity, token, actual);
		this.pipeline.connector().connectPresenting(identity, this.method, this.uri, attempt).subscribe(attempt);
	}

	void recorded(RecordedRequest recording) {
		this.recorded = recording;
	}

	// Whether the response goes to the caller as it is: what onResponse would decide
	// without acting, for the statuses it never acts on.
	boolean isFinal(ClientHttpResponse response) {
		int status = response.getStatusCode().value();
		return status != 401 && !isTransient(status) && this.unanswered == null;
	}

	Mono<Void> write(ClientHttpRequest request, Wire wire, @Nullable AccessToken token,
			RecordingRequest.Listener listener) {
		wire.writing(request);
		if (!this.callbackUsed) {
			this.callbackUsed = true;
			RecordingRequest first = new RecordingRequest(request, listener, this.settings.maxReplayBodySize(),
					this.mayReplay || token != null);
			Mono<Void> written = this.callback.apply(first);
			if (this.safeMethod) {
				return written;
			}
			// A failure of the caller's own callback before the connection's request was
			// committed, through the recording request or around it (a body that fails
			// before its first buffer, an encoder): nothing was sent, whatever the
			// failure looks like (a timeout, a reset of the stream the body was read
			// from). Watched only where it matters: a GET or HEAD is sent again, or
			// fails, the same either way.
			return written.doOnError((ex) -> {
				if (!first.isCommitted()) {
					listener.bodyFailed(ex, false);
				}
			});
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

	void completeHeaders(HttpHeaders headers, @Nullable AccessToken token) {
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

	Mono<ClientHttpResponse> onResponse(ClientHttpResponse response, ClientIdentity identity, AccessToken token) {
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
		if (token == null || this.tokenRefreshed || !budget || (this.callbackUsed && this.recorded == null)
				|| !fits(Duration.ZERO)) {
			return unauthorized(response, identity, token != null);
		}
		this.tokenRefreshed = true;
		// The 401 is this exchange's to let go of until the refresh decides, once: by the
		// decision, or by a cancel while it is still running.
		AtomicBoolean decided = new AtomicBoolean();
		return this.pipeline.tokens().replaceRefused(token).doOnCancel(() -> {
			if (decided.compareAndSet(false, true)) {
				release(response).subscribe();
			}
		}).materialize().flatMap((refreshed) -> {
			if (!decided.compareAndSet(false, true)) {
				return Mono.empty();
			}
			if (!fits(Duration.ZERO)) {
				// The refresh outlasted the deadline: no attempt starts after it.
				return unauthorized(response, identity, true);
			}
			if (refreshed.isOnNext() || this.pipeline.connector().identity() != identity) {
				// A fresh token; or a swap meanwhile, which cleared the refused token
				// or failed a refresh for the replaced identity: start over with the
				// identity now presented, and its own token.
				return release(response).then(attempt(true));
			}
			if (refreshed.isOnError()) {
				return release(response).then(Mono.error(refreshed.getThrowable()));
			}
			return unauthorized(response, identity, true);
		});
	}

	// A 401 is passed on, unless an earlier attempt may have been processed: the 401
	// says nothing about that one.
	private Mono<ClientHttpResponse> unauthorized(ClientHttpResponse response, ClientIdentity identity,
			boolean bearerToken) {
		warnUnauthorized(identity, bearerToken);
		if (this.unanswered != null) {
			return release(response)
				.then(Mono.error(unknown("an attempt got no answer after it was written, and the last one got HTTP 401",
						this.unanswered)));
		}
		return Mono.just(response);
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
		return release(response).then(Mono.delay(wait, this.pipeline.scheduler())).then(attempt(false));
	}

	Mono<ClientHttpResponse> onFailure(Throwable failure, Wire wire, ClientIdentity identity) {
		FailureKind kind = FailureKind.of(failure, wire);
		return switch (kind) {
			case IDENTITY_REPLACED -> restart(failure);
			// Only a swap replaces the identity: a pool shut down by the connector's own
			// shutdown would be found shut down again.
			case POOL_SHUT_DOWN ->
				(this.pipeline.connector().identity() != identity) ? restart(failure) : Mono.error(failure);
			case CONNECT -> retryOrFail(failure, "connect failure");
			case HANDSHAKE_REJECTED -> Mono.error(diagnosed(failure, identity, rejectionOf(failure)));
			case SERVER_UNTRUSTED -> Mono.error(diagnosed(failure, identity,
					CheckoutMtlsHandshakeException.Rejection.SERVER_CERTIFICATE_UNTRUSTED));
			case RESET_ON_NEW_TLS13_CONNECTION -> resetOnNewConnection(failure, identity);
			case TRANSPORT_AFTER_WRITE -> lostAfterWrite(failure);
			case TIMEOUT_AFTER_WRITE -> this.safeMethod ? Mono.error(failure) : Mono
				.error(unknown("no response within checkout.mtls.http.response-timeout after it was written", failure));
			// Never sent again: its bytes were not all kept.
			case CALLERS_BODY_FAILED_AFTER_START -> this.safeMethod ? Mono.error(failure)
					: Mono.error(unknown("its own body failed (" + failure.getClass().getSimpleName()
							+ ") after part of the request may have been sent", failure));
			case UNRESOLVED_HOST, OTHER -> Mono.error(failure);
		};
	}

	private Mono<ClientHttpResponse> restart(Throwable failure) {
		if (this.restarts++ >= MAX_RESTARTS || !fits(Duration.ZERO)) {
			return Mono.error(failure);
		}
		this.attempts--;
		this.counted--;
		return attempt(true);
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
	// that may have changed state still ends unknown, with the diagnosis as its cause,
	// since the signal is not proof; listeners hear of it either way, on the same
	// evidence.
	private Mono<ClientHttpResponse> resetOnNewConnection(Throwable failure, ClientIdentity identity) {
		CheckoutMtlsHandshakeException diagnosis = diagnosed(failure, identity,
				CheckoutMtlsHandshakeException.Rejection.CONNECTION_RESET);
		if (this.safeMethod) {
			return Mono.error(diagnosis);
		}
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
		return Mono.delay(delay, this.pipeline.scheduler()).then(attempt(true));
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
		// A delay beyond what nanoseconds hold (a Retry-After date centuries ahead)
		// never fits.
		return delay.compareTo(LONGEST_DELAY) <= 0 && this.pipeline.nanoTime() - this.deadline + delay.toNanos() <= 0;
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
			CheckoutMtlsHandshakeException.Rejection rejection) {
		CheckoutMtlsHandshakeException diagnosed = CheckoutMtlsHandshakeException.of(failure, this.method, this.uri,
				rejection, identity, this.pipeline.clock().instant());
		this.pipeline.handshakeFailed(diagnosed);
		return diagnosed;
	}

	private CheckoutOutcomeUnknownException unknown(String reason, Throwable cause) {
		return new CheckoutOutcomeUnknownException(this.method, this.uri, this.key, this.attempts, reason, cause);
	}

	static Mono<Void> release(ClientHttpResponse response) {
		return response.getBody().doOnNext(DataBufferUtils::release).onErrorResume((ex) -> Mono.empty()).then();
	}

}
