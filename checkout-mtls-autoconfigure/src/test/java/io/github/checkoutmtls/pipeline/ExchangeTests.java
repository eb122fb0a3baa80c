package io.github.checkoutmtls.pipeline;

import java.io.IOError;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.connector.TestConnectors;
import io.github.checkoutmtls.connector.IdentityReplacedException;
import io.github.checkoutmtls.diagnostics.CheckoutMtlsHandshakeException;
import io.github.checkoutmtls.diagnostics.CheckoutMtlsHandshakeException.Rejection;
import io.github.checkoutmtls.diagnostics.HandshakeFailureListener;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.pipeline.CheckoutRequestPipeline.PipelineSettings;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.RecordedExchange;
import io.github.checkoutmtls.token.TokenCache;
import io.github.checkoutmtls.token.TokenFetcher;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link Exchange}'s attempt budget: the 401 token refresh and the restarts
 * after a certificate swap, through a {@link CheckoutRequestPipeline} built on a real
 * connector against the simulator. The simulator does not check tokens here: its 401s are
 * injected, and the token fetcher answers synchronously with tokens already due for
 * refresh, so that each one is replaced in the cache the moment it is used and a refused
 * token always has a successor (no wait for the refused-token window).
 */
@CheckoutMtlsSimulatorTest
@ExtendWith(OutputCaptureExtension.class)
class ExchangeTests {

	private static final String PAYMENT = "{\"amount\":1000,\"currency\":\"EUR\",\"reference\":\"o-1\","
			+ "\"source\":{\"type\":\"card\",\"number\":\"4242424242424242\",\"expiry_month\":12,\"expiry_year\":2030}}";

	private final AtomicInteger fetches = new AtomicInteger();

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
		this.connector.destroy();
	}

	@Test
	void unauthorizedOnTheOnlyAttemptAllowedIsSentOnceMoreWithTheReplacementToken() {
		this.simulator.faults().on("GET", "/workflows").times(1).status(401);
		TokenCache tokens = new TokenCache(dueTokens(), Clock.systemUTC());
		tokens.token(this.identity).block(Duration.ofSeconds(5));
		WebClient client = client(1, tokens);
		assertThat(get(client)).contains("data");
		assertThat(this.simulator.exchanges()).extracting(RecordedExchange::bearerToken).containsExactly("t1", "t2");
	}

	@Test
	void unauthorizedAfterTheAttemptBudgetIsSpentReachesTheCallerWithoutAnotherToken() {
		this.simulator.faults().on("GET", "/workflows").times(1).status(503);
		this.simulator.faults().on("GET", "/workflows").times(1).status(401);
		TokenCache tokens = new TokenCache(dueTokens(), Clock.systemUTC());
		tokens.token(this.identity).block(Duration.ofSeconds(5));
		WebClient client = client(2, tokens);
		assertThatExceptionOfType(WebClientResponseException.Unauthorized.class).isThrownBy(() -> get(client));
		assertThat(this.simulator.exchanges()).hasSize(2);
	}

	@Test
	void certificateSwappedBeforeEveryAttemptGivesUpAfterThreeRestarts() {
		ClientIdentity next = sameCommonName();
		TokenCache tokens = new TokenCache(swapping((call) -> true, next), Clock.systemUTC());
		Throwable failure = catchThrowable(() -> get(client(3, tokens)));
		assertThat(IdentityReplacedException.isCauseOf(failure)).as("fails with %s", failure).isTrue();
		assertThat(this.fetches).as("the first attempt and three restarts").hasValue(4);
		assertThat(this.simulator.exchanges()).isEmpty();
	}

	@Test
	void restartAfterACertificateSwapDoesNotSpendAnAttempt() {
		this.simulator.faults().on("GET", "/workflows").times(1).status(503);
		TokenCache tokens = new TokenCache(swapping((call) -> call == 1, sameCommonName()), Clock.systemUTC());
		assertThat(get(client(2, tokens))).contains("data");
		assertThat(this.simulator.exchanges()).hasSize(2);
	}

	@Test
	void restartAfterACertificateSwapIsNotCountedAsAnAttemptOfAnOutcomeUnknown() {
		this.simulator.faults().on("POST", "/payments").times(1).resetAfterProcessing();
		TokenCache tokens = new TokenCache(swapping((call) -> call == 1, sameCommonName()), Clock.systemUTC());
		WebClient client = client(3, tokens, false);
		assertThatExceptionOfType(CheckoutOutcomeUnknownException.class)
			.isThrownBy(() -> client.post()
				.uri("/payments")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(PAYMENT)
				.retrieve()
				.bodyToMono(String.class)
				.block(Duration.ofSeconds(20)))
			.satisfies((ex) -> assertThat(ex.getAttempts()).isOne());
		assertThat(this.simulator.exchanges()).hasSize(1);
	}

	@Test
	void unauthorizedForABodyTooLargeToSendAgainReachesTheCaller() {
		this.simulator.faults().on("POST", "/payments").times(1).status(401);
		TokenCache tokens = new TokenCache(dueTokens(), Clock.systemUTC());
		tokens.token(this.identity).block(Duration.ofSeconds(5));
		WebClient client = client(new PipelineSettings(URI.create(this.simulator.apiBaseUrl()), true, 3,
				Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofMillis(100), 16, true,
				PipelineSettings.CHECKOUT_IDEMPOTENT_ENDPOINTS), tokens, System::nanoTime, () -> 0.5);
		assertThatExceptionOfType(WebClientResponseException.Unauthorized.class).isThrownBy(() -> client.post()
			.uri("/payments")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(PAYMENT)
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(20)));
		assertThat(this.simulator.exchanges()).hasSize(1);
	}

	@Test
	void requestSentAgainCarriesTheCookiesOfTheFirstAttempt() {
		this.simulator.faults().on("GET", "/workflows").times(1).status(503);
		WebClient client = client(3, null);
		assertThat(client.get()
			.uri("/workflows")
			.cookie("session", "s-1")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(20))).contains("data");
		assertThat(this.simulator.exchanges()).hasSize(2)
			.allSatisfy((exchange) -> assertThat(exchange.header("Cookie")).contains("session=s-1"));
	}

	@Test
	void getLostAfterItWasWrittenWithNoRetryLeftFailsWithItsTransportErrorNotAsUnknown() {
		WebClient client = client(new PipelineSettings(URI.create(this.simulator.apiBaseUrl()), false, 3,
				Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofMillis(100), 64 * 1024,
				true, PipelineSettings.CHECKOUT_IDEMPOTENT_ENDPOINTS), null, System::nanoTime, () -> 0.5);
		assertThat(get(client)).contains("data");
		this.simulator.faults().on("GET", "/workflows").times(1).resetAfterProcessing();
		Throwable failure = catchThrowable(() -> get(client));
		assertThat(failure).isInstanceOf(WebClientRequestException.class)
			.isNotInstanceOf(CheckoutOutcomeUnknownException.class);
		assertThat(this.simulator.exchanges()).hasSize(2);
	}

	@Test
	void retryWhoseBackoffEndsExactlyAtTheDeadlineIsSent() {
		this.simulator.faults().on("GET", "/workflows").times(1).status(503);
		// Time stands still, and no jitter: the first backoff is half of 20 ms, the
		// deadline.
		WebClient client = client(new PipelineSettings(URI.create(this.simulator.apiBaseUrl()), true, 3,
				Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(10), Duration.ofMillis(100), 64 * 1024,
				true, PipelineSettings.CHECKOUT_IDEMPOTENT_ENDPOINTS), null, () -> 0L, () -> 0.0);
		assertThat(get(client)).contains("data");
		assertThat(this.simulator.exchanges()).hasSize(2);
	}

	@Test
	void handshakeRefusedWithAResetIsDiagnosedAsAReset() {
		this.simulator.faults().rejectHandshakes();
		assertThatExceptionOfType(CheckoutMtlsHandshakeException.class).isThrownBy(() -> get(client(3, null)))
			.satisfies((ex) -> assertThat(ex.getRejection()).isEqualTo(Rejection.CONNECTION_RESET));
	}

	// The pipeline's own guard, for a listener bean that replaced the starter's
	// composite: an Error that is no JVM failure stays the listener's.
	@Test
	void handshakeRefusedWhileTheListenerThrowsAnErrorStillFailsWithTheDiagnosis(CapturedOutput output) {
		this.simulator.faults().rejectHandshakes();
		AtomicInteger told = new AtomicInteger();
		WebClient client = clientTelling((failure) -> {
			told.incrementAndGet();
			throw new IOError(new IOException("listener bug"));
		});
		assertThatExceptionOfType(CheckoutMtlsHandshakeException.class).isThrownBy(() -> get(client));
		assertThat(told).hasValue(1);
		assertThat(output.getOut())
			.contains("A HandshakeFailureListener failed; the request's own failure is unchanged");
	}

	// The caller's own body failing with what looks like a connection failure, on a new
	// TLS 1.3 connection, where a reset is how a refused certificate arrives. Before, a
	// body failing before its first buffer was diagnosed as a refused certificate (the
	// listeners told, the payment's outcome "unknown"), though nothing was sent.
	@Test
	void paymentWhoseBodyFailsBeforeAnythingWasSentFailsWithTheBodysOwnFailure(CapturedOutput output) {
		AtomicInteger told = new AtomicInteger();
		WebClient client = clientTelling((failure) -> told.incrementAndGet());
		long payments = this.simulator.payments().count();
		IOException reset = new IOException("Connection reset by peer");
		Throwable failure = catchThrowable(() -> client.post()
			.uri("/payments")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Mono.error(reset), String.class)
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(20)));
		assertThat(failure).hasRootCause(reset)
			.isNotInstanceOf(CheckoutMtlsHandshakeException.class)
			.isNotInstanceOf(CheckoutOutcomeUnknownException.class);
		assertThat(told).as("no refused handshake").hasValue(0);
		assertThat(this.simulator.payments().count()).isEqualTo(payments);
	}

	@ParameterizedTest
	@MethodSource("bodiesFailingAfterTheHeaders")
	void paymentWhoseBodyFailsAfterTheHeadersWereSentHasAnUnknownOutcomeNamingTheBody(Flux<String> body,
			Class<? extends Throwable> failureType) {
		AtomicInteger told = new AtomicInteger();
		WebClient client = clientTelling((failure) -> told.incrementAndGet());
		assertThatExceptionOfType(CheckoutOutcomeUnknownException.class)
			.isThrownBy(() -> client.post()
				.uri("/payments")
				.contentType(MediaType.APPLICATION_JSON)
				.body(body, String.class)
				.retrieve()
				.bodyToMono(String.class)
				.block(Duration.ofSeconds(20)))
			.withMessageContaining("its own body failed (" + failureType.getSimpleName() + ")")
			.havingCause()
			.isInstanceOf(failureType);
		assertThat(told).as("no refused handshake").hasValue(0);
	}

	// Reactor Netty collects the body of a DELETE before it sends anything: however far
	// it got, a body that fails sent nothing, and the caller gets its own failure.
	@Test
	void deleteWhoseBodyOfManyBuffersFailsFailsWithTheBodysOwnFailure() {
		AtomicInteger told = new AtomicInteger();
		WebClient client = clientTelling((failure) -> told.incrementAndGet());
		int exchanges = this.simulator.exchanges().size();
		IOException reset = new IOException("Connection reset by peer");
		Throwable failure = catchThrowable(() -> client.method(HttpMethod.DELETE)
			.uri("/workflows/wf_1")
			.contentType(MediaType.TEXT_PLAIN)
			.body(Flux.concat(Flux.just("part"), Flux.error(reset)), String.class)
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(20)));
		assertThat(failure).hasRootCause(reset).isNotInstanceOf(CheckoutOutcomeUnknownException.class);
		assertThat(told).as("no refused handshake").hasValue(0);
		assertThat(this.simulator.exchanges()).as("nothing arrived").hasSize(exchanges);
	}

	static List<Arguments> bodiesFailingAfterTheHeaders() {
		return List.of(Arguments.of(Flux.error(new IOException("Connection reset by peer")), IOException.class),
				Arguments.of(Flux.concat(Flux.just("{\"amount\":"), Flux.error(new TimeoutException("upstream"))),
						TimeoutException.class));
	}

	private WebClient clientTelling(HandshakeFailureListener handshakeFailures) {
		CheckoutRequestPipeline pipeline = new CheckoutRequestPipeline(this.connector,
				new PipelineSettings(URI.create(this.simulator.apiBaseUrl()), true, 3, Duration.ofMillis(10),
						Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofMillis(100), 64 * 1024, true,
						PipelineSettings.CHECKOUT_IDEMPOTENT_ENDPOINTS),
				null, handshakeFailures);
		return WebClient.builder().baseUrl(this.simulator.apiBaseUrl()).clientConnector(pipeline).build();
	}

	@Test
	void streamedBodyGetsItsIdempotencyKeyAndTokenToo() {
		TokenCache tokens = new TokenCache(dueTokens(), Clock.systemUTC());
		WebClient client = client(3, tokens);
		catchThrowable(() -> client.post()
			.uri("/payments")
			.contentType(MediaType.APPLICATION_NDJSON)
			.body(Flux.just(Map.of("amount", 1000, "currency", "EUR")), Map.class)
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(20)));
		assertThat(this.simulator.exchanges()).singleElement().satisfies((exchange) -> {
			assertThat(exchange.idempotencyKey()).isNotNull();
			assertThat(exchange.bearerToken()).isEqualTo("t1");
		});
	}

	@Test
	void paymentLostAfterWriteThenAnswered500EndsUnknown() {
		this.simulator.faults().on("POST", "/payments").times(1).resetAfterProcessing();
		this.simulator.faults().on("POST", "/payments").times(1).status(500);
		assertThatExceptionOfType(CheckoutOutcomeUnknownException.class).isThrownBy(() -> pay(client(3, null)))
			.withMessageContaining("HTTP 500");
		assertThat(this.simulator.exchanges()).hasSize(2);
	}

	@Test
	void bodyOfExactlyTheReplayLimitIsSentAgain() {
		this.simulator.faults().on("POST", "/payments").times(1).resetAfterProcessing();
		WebClient client = client(new PipelineSettings(URI.create(this.simulator.apiBaseUrl()), true, 3,
				Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofMillis(100),
				PAYMENT.getBytes(StandardCharsets.UTF_8).length, true, PipelineSettings.CHECKOUT_IDEMPOTENT_ENDPOINTS),
				null, System::nanoTime, () -> 0.5);
		assertThat(pay(client)).isNotEmpty();
		assertThat(this.simulator.exchanges()).hasSize(2);
	}

	private static String pay(WebClient client) {
		return client.post()
			.uri("/payments")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(PAYMENT)
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(20));
	}

	// Tokens already due for refresh: the cache replaces each one as soon as it is used.
	private TokenFetcher dueTokens() {
		return (owner) -> Mono.just(new AccessToken("t" + this.fetches.incrementAndGet(), owner.thumbprint(),
				Instant.now().plus(Duration.ofMinutes(5)), Instant.EPOCH));
	}

	// Swaps the connector's certificate while the token of an attempt is fetched, on the
	// calls chosen: that attempt then starts over with the other certificate.
	private TokenFetcher swapping(IntPredicate swapOn, ClientIdentity other) {
		ClientIdentity first = this.identity;
		return (owner) -> {
			int call = this.fetches.incrementAndGet();
			if (swapOn.test(call)) {
				this.connector.swap(owner.thumbprint().equals(first.thumbprint()) ? other : first);
			}
			return Mono.just(new AccessToken("t" + call, owner.thumbprint(), Instant.now().plus(Duration.ofMinutes(5)),
					Instant.now().plus(Duration.ofMinutes(4))));
		};
	}

	private ClientIdentity sameCommonName() {
		CertificateAndKey leaf = this.pki.issueLeaf(TestPki.DEFAULT_COMMON_NAME, KeyType.EC_P256);
		return ClientIdentity.of(this.pki.chainFor(leaf), leaf.privateKey(), "test=next");
	}

	private WebClient client(int maxAttempts, TokenCache tokens) {
		return client(maxAttempts, tokens, true);
	}

	private WebClient client(int maxAttempts, TokenCache tokens, boolean autoGenerateKeys) {
		return client(
				new PipelineSettings(URI.create(this.simulator.apiBaseUrl()), true, maxAttempts, Duration.ofMillis(10),
						Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofMillis(100), 64 * 1024,
						autoGenerateKeys, PipelineSettings.CHECKOUT_IDEMPOTENT_ENDPOINTS),
				tokens, System::nanoTime, () -> 0.5);
	}

	private WebClient client(PipelineSettings settings, TokenCache tokens, LongSupplier nanoTime,
			DoubleSupplier random) {
		CheckoutRequestPipeline pipeline = new CheckoutRequestPipeline(this.connector, settings, tokens, (failure) -> {
		}, Clock.systemUTC(), nanoTime, Schedulers.parallel(), random, Duration.ofMinutes(1));
		return WebClient.builder().baseUrl(this.simulator.apiBaseUrl()).clientConnector(pipeline).build();
	}

	private static String get(WebClient client) {
		return client.get().uri("/workflows").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(20));
	}

}
