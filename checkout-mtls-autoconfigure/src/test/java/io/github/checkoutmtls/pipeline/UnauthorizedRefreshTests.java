package io.github.checkoutmtls.pipeline;

import java.lang.reflect.Constructor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.mock.http.client.reactive.MockClientHttpResponse;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.connector.ScriptedConnector;
import io.github.checkoutmtls.connector.ScriptedConnector.Connection;
import io.github.checkoutmtls.connector.TestConnectors;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.pipeline.CheckoutRequestPipeline.PipelineSettings;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.token.TokenCache;
import io.github.checkoutmtls.token.TokenFetchListener;
import io.github.checkoutmtls.token.TokenFetcher;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 401's token refresh: the 401 let go of once, and no attempt after the deadline.
 */
class UnauthorizedRefreshTests {

	private static final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	private static final ClientIdentity IDENTITY = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");

	private static final URI API = URI.create("https://api.checkout.test");

	private static final URI WORKFLOWS = URI.create("https://api.checkout.test/workflows");

	private final NettyDataBufferFactory buffers = new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT);

	private final ScriptedConnector connections = new ScriptedConnector();

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final AtomicInteger fetches = new AtomicInteger();

	private CheckoutMtlsConnector connector;

	@AfterEach
	void destroy() {
		if (this.connector != null) {
			this.connector.destroy();
		}
		this.time.dispose();
	}

	// Once the refresh decided (a fresh token, the 401 released, the next attempt
	// running), a cancel from the caller does not release the 401 a second time.
	@Test
	void cancelDuringTheAttemptAfterARefreshDoesNotReleaseThe401Again() throws Exception {
		TokenCache tokens = tokens((owner) -> Mono.just(token("t" + this.fetches.incrementAndGet())));
		CheckoutRequestPipeline pipeline = pipeline(tokens, Duration.ofSeconds(30));
		tokens.token(IDENTITY).block();
		// Older than the refused-token window: the 401 fetches a fresh one.
		this.time.advanceTimeBy(Duration.ofSeconds(11));
		Disposable caller = pipeline.connect(HttpMethod.GET, WORKFLOWS, UnauthorizedRefreshTests::nothing).subscribe();
		Connection first = this.connections.remove();
		AtomicInteger releases = new AtomicInteger();
		MockClientHttpResponse unauthorized = new MockClientHttpResponse(HttpStatusCode.valueOf(401));
		unauthorized.setBody(Flux.defer(() -> {
			releases.incrementAndGet();
			return Flux.<DataBuffer>just(this.buffers.wrap("{}".getBytes(StandardCharsets.UTF_8)));
		}));
		first.respond(unauthorized);
		Connection second = this.connections.poll();
		assertThat(second).as("the attempt with the fresh token").isNotNull();
		assertThat(releases).as("the 401 released before the next attempt").hasValue(1);
		caller.dispose();
		assertThat(releases).as("times the 401's body was subscribed to release it").hasValue(1);
	}

	// A refresh that outlasts the deadline starts no attempt after it: the deadline is
	// checked again once the refresh is done.
	@Test
	void refreshThatOutlastsTheDeadlineStartsNoAttempt() throws Exception {
		TokenCache tokens = tokens((owner) -> (this.fetches.incrementAndGet() == 1) ? Mono.just(token("t1"))
				: Mono.delay(Duration.ofSeconds(25), this.time).thenReturn(token("t2")));
		CheckoutRequestPipeline pipeline = pipeline(tokens, Duration.ofSeconds(30));
		tokens.token(IDENTITY).block();
		this.time.advanceTimeBy(Duration.ofSeconds(11));
		AtomicReference<Object> outcome = new AtomicReference<>();
		pipeline.connect(HttpMethod.GET, WORKFLOWS, UnauthorizedRefreshTests::nothing)
			.subscribe(outcome::set, outcome::set);
		Connection first = this.connections.remove();
		// 20 s into a 30 s deadline.
		this.time.advanceTimeBy(Duration.ofSeconds(20));
		first.respond(new MockClientHttpResponse(HttpStatusCode.valueOf(401)));
		// The refresh takes 25 s: it ends 15 s after the deadline.
		this.time.advanceTimeBy(Duration.ofSeconds(25));
		assertThat(this.fetches).hasValue(2);
		assertThat(this.connections.poll()).as("an attempt started 15 s after checkout.mtls.retry.deadline").isNull();
	}

	private CheckoutRequestPipeline pipeline(TokenCache tokens, Duration deadline) {
		this.connector = TestConnectors.over(IDENTITY, this.connections);
		PipelineSettings settings = new PipelineSettings(API, true, 3, Duration.ofMillis(10), Duration.ofMillis(50),
				deadline, Duration.ofMillis(100), 1024, true, PipelineSettings.CHECKOUT_IDEMPOTENT_ENDPOINTS);
		return new CheckoutRequestPipeline(this.connector, settings, tokens, (failure) -> {
		}, Clock.systemUTC(), () -> this.time.now(TimeUnit.NANOSECONDS), this.time, () -> 0.5, Duration.ofMinutes(1));
	}

	private TokenCache tokens(TokenFetcher fetcher) throws Exception {
		Constructor<TokenCache> constructor = TokenCache.class.getDeclaredConstructor(TokenFetcher.class, Clock.class,
				LongSupplier.class, Duration.class, Scheduler.class, List.class);
		constructor.setAccessible(true);
		LongSupplier ticks = () -> this.time.now(TimeUnit.NANOSECONDS);
		return constructor.newInstance(fetcher, Clock.systemUTC(), ticks, Duration.ofSeconds(60), this.time,
				List.<TokenFetchListener>of());
	}

	private static AccessToken token(String value) {
		return new AccessToken(value, IDENTITY.thumbprint(), Instant.now().plus(Duration.ofMinutes(5)),
				Instant.now().plus(Duration.ofMinutes(4)));
	}

	private static Mono<Void> nothing(ClientHttpRequest request) {
		return Mono.empty();
	}

}
