package io.github.checkoutmtls.pipeline;

import java.lang.reflect.Constructor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.connector.TestConnectors;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.pipeline.CheckoutRequestPipeline.PipelineSettings;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.RecordedExchange;
import io.github.checkoutmtls.token.TokenCache;
import io.github.checkoutmtls.token.TokenFetchListener;
import io.github.checkoutmtls.token.TokenFetcher;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Adversarial tests of the 401 path of {@link Exchange} (onUnauthorized, replaceRefused),
 * on a real connector against the simulator.
 */
@CheckoutMtlsSimulatorTest
class AdversarialExchangeTests {

	private final AtomicInteger fetches = new AtomicInteger();

	// The token cache's ticker, moved by the tests.
	private final AtomicLong ticker = new AtomicLong(1_000_000_000_000L);

	private CheckoutMtlsSimulator simulator;

	private TestPki pki;

	private ClientIdentity identity;

	private CheckoutMtlsConnector connector;

	@BeforeEach
	void connect(CheckoutMtlsSimulator simulator, TestPki pki) {
		this.simulator = simulator;
		this.pki = pki;
		this.identity = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");
		this.connector = TestConnectors.presenting(this.identity, Duration.ofSeconds(10),
				List.of(simulator.serverCa()));
	}

	@AfterEach
	void destroy() {
		this.simulator.stubs().clear();
		this.connector.destroy();
	}

	// README "Faults end with a clear exception and no connection left in use"; the
	// control: the same 401 reaching the caller without a refresh frees its connection.
	@Test
	void controlUnauthorizedWithAFreshTokenReachesTheCallerAndLeavesNoConnectionInUse() throws Exception {
		TokenCache tokens = tokens((owner) -> Mono.just(token("t" + this.fetches.incrementAndGet(), owner)));
		tokens.token(this.identity).block(Duration.ofSeconds(5));
		this.simulator.faults().on("GET", "/workflows").times(1).status(401);
		Throwable failure = catchThrowable(() -> get(client(tokens)));
		assertThat(failure).isNotNull();
		assertThat(activeConnectionsAfterSettling()).isZero();
	}

	@Test
	void unauthorizedWhoseTokenRefreshFailsLeavesNoConnectionInUse() throws Exception {
		TokenCache tokens = tokens((owner) -> (this.fetches.incrementAndGet() == 1) ? Mono.just(token("t1", owner))
				: Mono.error(new IllegalStateException("token host down")));
		tokens.token(this.identity).block(Duration.ofSeconds(5));
		// Older than the refused-token window, so a 401 refetches it.
		this.ticker.addAndGet(Duration.ofSeconds(11).toNanos());
		this.simulator.faults().on("GET", "/workflows").times(1).status(401);
		Throwable failure = catchThrowable(() -> get(client(tokens)));
		assertThat(failure).as("the refresh failed").isNotNull();
		assertThat(this.fetches).hasValue(2);
		assertThat(activeConnectionsAfterSettling()).as("connections still in use after the request ended").isZero();
	}

	// TokenCache.replaceRefused: "Completes empty ... when a certificate swap cleared it
	// meanwhile (the caller starts over with the current identity)".
	@Test
	void unauthorizedForTheTokenOfACertificateSwappedMeanwhileStartsOverWithTheCurrentIdentity() throws Exception {
		ClientIdentity next = sameCommonName();
		TokenCache tokens = new TokenCache((owner) -> Mono.just(
				token((owner.thumbprint().equals(next.thumbprint()) ? "new-" : "old-") + this.fetches.incrementAndGet(),
						owner)),
				Clock.systemUTC());
		WebClient client = client(tokens);
		// A connection and a token first, so that the slow request is surely written
		// before the swap.
		get(client);
		answeredUnauthorizedAcrossASwap(client, () -> {
			// What a reload does: swap the connector, drop the token bound to the old
			// leaf.
			this.connector.swap(next);
			AccessToken cached = tokens.cached();
			if (cached != null && !cached.isFor(next)) {
				tokens.invalidate(cached);
			}
		});
		assertSentAgainWithTheNewToken();
	}

	// A refresh for the replaced identity, overtaken by a swap before the reload dropped
	// the refused token, fails (over the connector it would be refused as
	// IdentityReplacedException): the request starts over with the current identity.
	@Test
	void unauthorizedWhoseRefreshFailsForASwappedCertificateStartsOverWithTheCurrentIdentity() throws Exception {
		ClientIdentity next = sameCommonName();
		AtomicBoolean swapped = new AtomicBoolean();
		TokenCache tokens = tokens((owner) -> {
			boolean forNext = owner.thumbprint().equals(next.thumbprint());
			if (swapped.get() && !forNext) {
				return Mono.error(new IllegalStateException("the identity was replaced"));
			}
			return Mono.just(token((forNext ? "new-" : "old-") + this.fetches.incrementAndGet(), owner));
		});
		WebClient client = client(tokens);
		// A connection and a token first, so that the slow request is surely written
		// before the swap.
		get(client);
		// Older than the refused-token window, so a 401 refetches it.
		this.ticker.addAndGet(Duration.ofSeconds(11).toNanos());
		answeredUnauthorizedAcrossASwap(client, () -> {
			this.connector.swap(next);
			swapped.set(true);
		});
		assertSentAgainWithTheNewToken();
	}

	private void assertSentAgainWithTheNewToken() {
		List<RecordedExchange> exchanges = this.simulator.exchanges()
			.stream()
			.filter((exchange) -> exchange.path().equals("/slow"))
			.toList();
		assertThat(exchanges).as("sent again presenting the new certificate, with its token").hasSize(2);
		assertThat(exchanges.get(0).bearerToken()).startsWith("old-");
		assertThat(exchanges.get(1).bearerToken()).startsWith("new-");
	}

	// No secret in toString(), records included: the recorded request holds the headers
	// as committed, after completeHeaders set the bearer token.
	@Test
	void recordedRequestDoesNotShowTheBearerToken() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.AUTHORIZATION, "Bearer eyJhbGciOiJSUzI1NiJ9.secret-token-value.sig");
		headers.set("Cko-Idempotency-Key", "k-1");
		RecordedRequest recorded = RecordedRequest.of(headers, new LinkedMultiValueMap<String, HttpCookie>(),
				"{}".getBytes(StandardCharsets.UTF_8));
		assertThat(recorded.toString()).doesNotContain("secret-token-value");
	}

	// A GET answered 401 after a second, with the swap made while it waits for the
	// answer (after it was written); returns once the caller has its outcome.
	private void answeredUnauthorizedAcrossASwap(WebClient client, Runnable swap) throws Exception {
		this.simulator.stubs().on("GET", "/slow").latency(Duration.ofMillis(1000)).respond(401, "{}");
		CompletableFuture<ResponseEntity<Void>> response = client.get()
			.uri("/slow")
			.exchangeToMono((answer) -> answer.toBodilessEntity())
			.toFuture();
		Thread.sleep(300);
		swap.run();
		response.get(10, TimeUnit.SECONDS);
	}

	private int activeConnectionsAfterSettling() throws InterruptedException {
		long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
		int active = this.connector.poolUsage().activeConnections();
		while (active != 0 && System.nanoTime() - until < 0) {
			Thread.sleep(50);
			active = this.connector.poolUsage().activeConnections();
		}
		return active;
	}

	// The package-private constructor that takes the ticker.
	private TokenCache tokens(TokenFetcher fetcher) throws Exception {
		Constructor<TokenCache> constructor = TokenCache.class.getDeclaredConstructor(TokenFetcher.class, Clock.class,
				LongSupplier.class, Duration.class, Scheduler.class, List.class);
		constructor.setAccessible(true);
		LongSupplier ticks = this.ticker::get;
		return constructor.newInstance(fetcher, Clock.systemUTC(), ticks, Duration.ofSeconds(5), null,
				List.<TokenFetchListener>of());
	}

	private static AccessToken token(String value, ClientIdentity owner) {
		return new AccessToken(value, owner.thumbprint(), Instant.now().plus(Duration.ofMinutes(5)),
				Instant.now().plus(Duration.ofMinutes(4)));
	}

	private ClientIdentity sameCommonName() {
		CertificateAndKey leaf = this.pki.issueLeaf(TestPki.DEFAULT_COMMON_NAME, KeyType.EC_P256);
		return ClientIdentity.of(this.pki.chainFor(leaf), leaf.privateKey(), "test=next");
	}

	private WebClient client(TokenCache tokens) {
		PipelineSettings settings = new PipelineSettings(URI.create(this.simulator.apiBaseUrl()), true, 3,
				Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofMillis(100), 64 * 1024,
				true, PipelineSettings.CHECKOUT_IDEMPOTENT_ENDPOINTS);
		CheckoutRequestPipeline pipeline = new CheckoutRequestPipeline(this.connector, settings, tokens, (failure) -> {
		}, Clock.systemUTC(), System::nanoTime, Schedulers.parallel(), () -> 0.5, Duration.ofMinutes(1));
		return WebClient.builder().baseUrl(this.simulator.apiBaseUrl()).clientConnector(pipeline).build();
	}

	private static String get(WebClient client) {
		return client.get().uri("/workflows").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(20));
	}

}
