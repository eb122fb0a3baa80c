package io.github.checkoutmtls.pipeline;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.mock.http.client.reactive.MockClientHttpRequest;
import org.springframework.mock.http.client.reactive.MockClientHttpResponse;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.connector.TestConnectors;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.pipeline.CheckoutRequestPipeline.PipelineSettings;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.token.TokenCache;
import io.github.checkoutmtls.token.TokenFetcher;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adversarial tests of the request pipeline, on a connector that really calls the write
 * callback (with a mock request) and whose outcome the test gives when it says.
 */
class AdversarialPipelineTests {

	private static final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	private static final ClientIdentity IDENTITY = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");

	private static final URI API = URI.create("https://api.checkout.test");

	private static final URI WORKFLOWS = URI.create("https://api.checkout.test/workflows");

	private static final URI PAYMENTS = URI.create("https://api.checkout.test/payments");

	private static final String PAYMENT = "{\"amount\":1000,\"currency\":\"EUR\"}";

	private final NettyDataBufferFactory buffers = new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT);

	private final WritingConnector connections = new WritingConnector();

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private CheckoutMtlsConnector connector;

	@AfterEach
	void destroy() {
		if (this.connector != null) {
			this.connector.destroy();
		}
		this.time.dispose();
	}

	// A Retry-After date centuries ahead (beyond what Duration.toNanos holds) is not
	// waited for: the caller gets Checkout's 503, never an ArithmeticException (as for
	// ten digits of delay-seconds, see
	// CheckoutRequestPipelineTests#retryAfterOfTenDigitsIsNotWaitedForAndGivesThe429).
	@Test
	void retryAfterDateFarInTheFutureGivesTheResponseNotAnArithmeticException() {
		CheckoutRequestPipeline pipeline = pipeline(null, Duration.ofSeconds(30));
		AtomicReference<Object> outcome = new AtomicReference<>();
		pipeline.connect(HttpMethod.GET, WORKFLOWS, (request) -> request.setComplete())
			.subscribe(outcome::set, outcome::set);
		MockClientHttpResponse unavailable = new MockClientHttpResponse(HttpStatusCode.valueOf(503));
		unavailable.getHeaders().set("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT");
		this.connections.remove().respond(unavailable);
		assertThat(outcome.get()).as("what the caller got").isSameAs(unavailable);
	}

	// The first attempt of a keyed payment is lost after it was written (it may have
	// been processed), and the repeat is answered 401. The 401 says only that the repeat
	// was not authenticated, nothing about the first attempt: the outcome is unknown.
	@Test
	void unauthorizedRepeatOfAPaymentLostAfterItWasWrittenEndsUnknown() {
		CheckoutRequestPipeline pipeline = pipeline(null, Duration.ofSeconds(30));
		AtomicReference<Object> outcome = new AtomicReference<>();
		pipeline.connect(HttpMethod.POST, PAYMENTS, AdversarialPipelineTests::writePayment)
			.subscribe(outcome::set, outcome::set);
		WritingConnector.Connection first = this.connections.remove();
		assertThat(first.body()).isEqualTo(PAYMENT);
		first.fail(new IOException("Connection reset by peer"));
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		WritingConnector.Connection second = this.connections.remove();
		assertThat(second.request.getHeaders().getFirst("Cko-Idempotency-Key"))
			.isEqualTo(first.request.getHeaders().getFirst("Cko-Idempotency-Key"))
			.isNotNull();
		second.respond(new MockClientHttpResponse(HttpStatusCode.valueOf(401)));
		assertThat(outcome.get()).as("what the caller got").isInstanceOf(CheckoutOutcomeUnknownException.class);
	}

	// A callback that completes the request after writing its body (writeWith, then
	// setComplete, a no-op on the wire) keeps the body's recording: the repeat sends
	// the same key and the same bytes.
	@Test
	void callbackThatCompletesTheRequestAfterWritingItIsSentAgainWithTheSameBytes() {
		CheckoutRequestPipeline pipeline = pipeline(null, Duration.ofSeconds(30));
		AtomicReference<Object> outcome = new AtomicReference<>();
		pipeline
			.connect(HttpMethod.POST, PAYMENTS,
					(request) -> writePayment(request).then(Mono.defer(request::setComplete)))
			.subscribe(outcome::set, outcome::set);
		WritingConnector.Connection first = this.connections.remove();
		assertThat(first.body()).as("what the first attempt wrote").isEqualTo(PAYMENT);
		first.fail(new IOException("Connection reset by peer"));
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		WritingConnector.Connection second = this.connections.remove();
		assertThat(second.body()).as("what the repeat wrote").isEqualTo(PAYMENT);
	}

	// A 401 whose token refresh fails (the token endpoint is down) is let go of: its
	// body released, so Reactor Netty gets its connection back.
	@Test
	void unauthorizedWhoseTokenRefreshFailsReleasesThe401Response() {
		AtomicInteger fetches = new AtomicInteger();
		TokenFetcher fetcher = (owner) -> (fetches.incrementAndGet() == 1)
				? Mono.just(new AccessToken("t1", owner.thumbprint(), Instant.now().plus(Duration.ofMinutes(5)),
						Instant.now().plus(Duration.ofMinutes(4))))
				: Mono.error(new IllegalStateException("token endpoint down"));
		TokenCache tokens = new TokenCache(fetcher, Clock.systemUTC());
		tokens.token(IDENTITY).block(Duration.ofSeconds(5));
		CheckoutRequestPipeline pipeline = pipeline(tokens, Duration.ofSeconds(30));
		AtomicReference<Object> outcome = new AtomicReference<>();
		pipeline.connect(HttpMethod.GET, WORKFLOWS, (request) -> request.setComplete())
			.subscribe(outcome::set, outcome::set);
		WritingConnector.Connection connection = this.connections.remove();
		// Meanwhile another request was refused the same token, and its refresh failed.
		tokens.invalidate(tokens.cached());
		tokens.token(IDENTITY).onErrorResume((ex) -> Mono.empty()).block(Duration.ofSeconds(5));
		NettyDataBuffer body = (NettyDataBuffer) this.buffers
			.wrap("{\"error_type\":\"unauthorized\"}".getBytes(StandardCharsets.UTF_8));
		MockClientHttpResponse unauthorized = new MockClientHttpResponse(HttpStatusCode.valueOf(401));
		unauthorized.setBody(Flux.<DataBuffer>just(body));
		connection.respond(unauthorized);
		assertThat(outcome.get()).as("what the caller got").isNotNull();
		boolean released = body.getNativeBuffer().refCnt() == 0;
		assertThat(released || connection.cancelled)
			.as("the 401 body was released (refCnt %d) or its connection cancelled (caller got %s)",
					body.getNativeBuffer().refCnt(), outcome.get())
			.isTrue();
	}

	// "deadline: time after the first attempt started beyond which no attempt starts":
	// a 401 arriving after the deadline starts no attempt with a fresh token.
	@Test
	void unauthorizedAfterTheDeadlineStartsNoFurtherAttempt() {
		AtomicInteger fetches = new AtomicInteger();
		// Due for refresh at once: each use fetches the next, so a refused token always
		// has a successor (as in ExchangeTests).
		TokenFetcher fetcher = (owner) -> Mono.just(new AccessToken("t" + fetches.incrementAndGet(), owner.thumbprint(),
				Instant.now().plus(Duration.ofMinutes(5)), Instant.EPOCH));
		TokenCache tokens = new TokenCache(fetcher, Clock.systemUTC());
		tokens.token(IDENTITY).block(Duration.ofSeconds(5));
		CheckoutRequestPipeline pipeline = pipeline(tokens, Duration.ofSeconds(2));
		AtomicReference<Object> outcome = new AtomicReference<>();
		pipeline.connect(HttpMethod.GET, WORKFLOWS, (request) -> request.setComplete())
			.subscribe(outcome::set, outcome::set);
		WritingConnector.Connection first = this.connections.remove();
		this.time.advanceTimeBy(Duration.ofSeconds(10));
		MockClientHttpResponse unauthorized = new MockClientHttpResponse(HttpStatusCode.valueOf(401));
		first.respond(unauthorized);
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(this.connections.poll()).as("an attempt started 8 s after the 2 s deadline").isNull();
		assertThat(outcome.get()).isSameAs(unauthorized);
	}

	// delay-seconds is 1*DIGIT (RFC 9110): "0000000005" is five seconds, not "too long
	// to wait for".
	@Test
	void retryAfterWithLeadingZerosIsItsValue() {
		assertThat(RetryAfter.parse("0000000005", Instant.now())).isEqualTo(Duration.ofSeconds(5));
	}

	private static Mono<Void> writePayment(ClientHttpRequest request) {
		request.getHeaders().set("Content-Type", "application/json");
		return request
			.writeWith(Mono.fromSupplier(() -> request.bufferFactory().wrap(PAYMENT.getBytes(StandardCharsets.UTF_8))));
	}

	private CheckoutRequestPipeline pipeline(TokenCache tokens, Duration deadline) {
		this.connector = TestConnectors.over(IDENTITY, this.connections);
		PipelineSettings settings = new PipelineSettings(API, true, 3, Duration.ofMillis(10), Duration.ofMillis(50),
				deadline, Duration.ofMillis(100), 1024, true, PipelineSettings.CHECKOUT_IDEMPOTENT_ENDPOINTS);
		return new CheckoutRequestPipeline(this.connector, settings, tokens, (failure) -> {
		}, Clock.systemUTC(), () -> this.time.now(TimeUnit.NANOSECONDS), this.time, () -> 0.5, Duration.ofMinutes(1));
	}

	/**
	 * A connector that writes every request to a mock request at once, then gives the
	 * outcome when the test says.
	 */
	static final class WritingConnector extends ReactorClientHttpConnector {

		private final Queue<Connection> connections = new ConcurrentLinkedQueue<>();

		@Override
		public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
				Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
			Connection connection = new Connection(method, uri, requestCallback);
			this.connections.add(connection);
			return connection;
		}

		Connection remove() {
			return this.connections.remove();
		}

		Connection poll() {
			return this.connections.poll();
		}

		static final class Connection extends Mono<ClientHttpResponse> implements Subscription {

			final MockClientHttpRequest request;

			private final Function<? super ClientHttpRequest, Mono<Void>> callback;

			private volatile CoreSubscriber<? super ClientHttpResponse> subscriber;

			volatile boolean cancelled;

			volatile Throwable writeFailure;

			Connection(HttpMethod method, URI uri, Function<? super ClientHttpRequest, Mono<Void>> callback) {
				this.request = new MockClientHttpRequest(method, uri);
				this.callback = callback;
			}

			@Override
			public void subscribe(CoreSubscriber<? super ClientHttpResponse> actual) {
				this.subscriber = actual;
				actual.onSubscribe(this);
				this.callback.apply(this.request).subscribe(null, (ex) -> this.writeFailure = ex);
			}

			String body() {
				return this.request.getBodyAsString().block(Duration.ofSeconds(5));
			}

			@Override
			public void request(long n) {
			}

			@Override
			public void cancel() {
				this.cancelled = true;
			}

			void respond(ClientHttpResponse response) {
				this.subscriber.onNext(response);
				this.subscriber.onComplete();
			}

			void fail(Throwable failure) {
				this.subscriber.onError(failure);
			}

		}

	}

}
