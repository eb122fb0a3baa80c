package io.github.checkoutmtls.pipeline;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;

import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Subscription;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.mock.http.client.reactive.MockClientHttpResponse;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.connector.TestConnectors;
import io.github.checkoutmtls.connector.ScriptedConnector;
import io.github.checkoutmtls.connector.ScriptedConnector.Connection;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.pipeline.CheckoutRequestPipeline.PipelineSettings;
import io.github.checkoutmtls.test.pki.TestPki;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;
import reactor.test.util.RaceTestUtils;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link Attempt} as a Reactive Streams subscriber, on a connector whose
 * connections the test drives by hand: what reaches the connection when the caller
 * cancels, what becomes of a response nobody will read, the caller's own failures, and
 * the context the connection sees.
 */
class AttemptTests {

	private static final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	private static final ClientIdentity IDENTITY = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");

	private static final URI API = URI.create("https://api.checkout.test");

	private static final URI WORKFLOWS = URI.create("https://api.checkout.test/workflows");

	private final NettyDataBufferFactory buffers = new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT);

	private final ScriptedConnector connections = new ScriptedConnector();

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private CheckoutMtlsConnector connector;

	@AfterEach
	void destroy() {
		if (this.connector != null) {
			this.connector.destroy();
		}
		this.time.dispose();
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 200, 401, 503 })
	void callerCancellingWhileItHoldsTheResponseCancelsTheConnection(int status) {
		CheckoutRequestPipeline pipeline = pipeline(false, () -> 0.5);
		AtomicReference<ClientHttpResponse> received = new AtomicReference<>();
		Disposable caller = pipeline.connect(HttpMethod.GET, WORKFLOWS, AttemptTests::nothing).flatMap((response) -> {
			received.set(response);
			return Mono.never();
		}).subscribe();
		Connection connection = this.connections.remove();
		ClientHttpResponse response = response(status);
		connection.respond(response);
		assertThat(received).as("the caller holds the response").hasValue(response);
		caller.dispose();
		assertThat(connection.isCancelled()).as("the connection, which lets go of a response it gave when cancelled")
			.isTrue();
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 200, 503 })
	void responseArrivingAfterTheCallerCancelledIsReleased(int status) {
		CheckoutRequestPipeline pipeline = pipeline(false, () -> 0.5);
		Disposable caller = pipeline.connect(HttpMethod.GET, WORKFLOWS, AttemptTests::nothing).subscribe();
		Connection connection = this.connections.remove();
		caller.dispose();
		assertThat(connection.isCancelled()).isTrue();
		NettyDataBuffer body = (NettyDataBuffer) this.buffers.wrap("{\"data\":[]}".getBytes(StandardCharsets.UTF_8));
		MockClientHttpResponse response = new MockClientHttpResponse(HttpStatusCode.valueOf(status));
		response.setBody(Flux.<DataBuffer>just(body));
		connection.respond(response);
		assertThat(body.getNativeBuffer().refCnt()).as("references left to the body").isZero();
	}

	@Test
	void cancelRacingWithTheSwitchToTheDecisionReachesTheConnection() {
		CheckoutRequestPipeline pipeline = pipeline(false, () -> 0.5);
		for (int i = 0; i < 500; i++) {
			Disposable caller = pipeline.connect(HttpMethod.GET, WORKFLOWS, AttemptTests::nothing)
				.flatMap((response) -> Mono.never())
				.subscribe();
			Connection connection = this.connections.remove();
			RaceTestUtils.race(() -> connection.respond(response(503)), caller::dispose);
			assertThat(connection.isCancelled()).as("connection cancelled, round %d", i).isTrue();
		}
	}

	@Test
	void decisionThatFailsCancelsTheConnectionOfTheResponseItWasGiven() {
		CheckoutRequestPipeline pipeline = pipeline(true, () -> {
			throw new IllegalStateException("no randomness");
		});
		AtomicReference<Throwable> failure = new AtomicReference<>();
		pipeline.connect(HttpMethod.GET, WORKFLOWS, AttemptTests::nothing).subscribe(null, failure::set);
		Connection connection = this.connections.remove();
		connection.respond(response(503));
		assertThat(failure.get()).hasMessage("no randomness");
		assertThat(connection.isCancelled()).isTrue();
	}

	@Test
	void callerWhoseOnNextThrowsGetsNoSignalAfterItAndTheConnectionIsToldOfTheFailure() {
		CheckoutRequestPipeline pipeline = pipeline(false, () -> 0.5);
		Signals caller = new Signals(true, false);
		pipeline.connect(HttpMethod.GET, WORKFLOWS, AttemptTests::nothing).subscribe(caller);
		Connection connection = this.connections.remove();
		assertThatIllegalStateException().isThrownBy(() -> connection.respond(response(200)))
			.withMessage("caller failed in onNext");
		assertThat(caller.signals).containsExactly("next");
	}

	@Test
	void callerWhoseOnCompleteThrowsGetsNoSignalAfterIt() {
		CheckoutRequestPipeline pipeline = pipeline(false, () -> 0.5);
		Signals caller = new Signals(false, true);
		pipeline.connect(HttpMethod.GET, WORKFLOWS, AttemptTests::nothing).subscribe(caller);
		Connection connection = this.connections.remove();
		assertThatIllegalStateException().isThrownBy(() -> connection.respond(response(200)))
			.withMessage("caller failed in onComplete");
		assertThat(caller.signals).containsExactly("next", "complete");
	}

	@Test
	void everyAttemptsConnectionSeesTheCallersContext() {
		CheckoutRequestPipeline pipeline = pipeline(true, () -> 0.5);
		AtomicReference<ClientHttpResponse> received = new AtomicReference<>();
		pipeline.connect(HttpMethod.GET, WORKFLOWS, AttemptTests::nothing)
			.contextWrite(Context.of("trace", "t-1"))
			.subscribe(received::set);
		Connection first = this.connections.remove();
		first.respond(response(503));
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		Connection second = this.connections.remove();
		ClientHttpResponse ok = response(200);
		second.respond(ok);
		assertThat(received).hasValue(ok);
		assertThat(List.of(first, second)).allSatisfy(
				(connection) -> assertThat(connection.context().getOrDefault("trace", "none")).isEqualTo("t-1"));
	}

	private CheckoutRequestPipeline pipeline(boolean retry, DoubleSupplier random) {
		this.connector = TestConnectors.over(IDENTITY, this.connections);
		PipelineSettings settings = new PipelineSettings(API, retry, 3, Duration.ofMillis(10), Duration.ofMillis(50),
				Duration.ofSeconds(30), Duration.ofMillis(100), 1024, true,
				PipelineSettings.CHECKOUT_IDEMPOTENT_ENDPOINTS);
		return new CheckoutRequestPipeline(this.connector, settings, null, (failure) -> {
		}, Clock.systemUTC(), () -> this.time.now(TimeUnit.NANOSECONDS), this.time, random, Duration.ofMinutes(1));
	}

	private static ClientHttpResponse response(int status) {
		return new MockClientHttpResponse(HttpStatusCode.valueOf(status));
	}

	private static Mono<Void> nothing(ClientHttpRequest request) {
		return Mono.empty();
	}

	/**
	 * A caller recording its signals, whose onNext or onComplete may throw.
	 */
	private static final class Signals implements CoreSubscriber<ClientHttpResponse> {

		private final Queue<String> signals = new ConcurrentLinkedQueue<>();

		private final boolean failOnNext;

		private final boolean failOnComplete;

		Signals(boolean failOnNext, boolean failOnComplete) {
			this.failOnNext = failOnNext;
			this.failOnComplete = failOnComplete;
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(ClientHttpResponse response) {
			this.signals.add("next");
			if (this.failOnNext) {
				throw new IllegalStateException("caller failed in onNext");
			}
		}

		@Override
		public void onError(Throwable failure) {
			this.signals.add("error " + failure);
		}

		@Override
		public void onComplete() {
			this.signals.add("complete");
			if (this.failOnComplete) {
				throw new IllegalStateException("caller failed in onComplete");
			}
		}

	}

}
