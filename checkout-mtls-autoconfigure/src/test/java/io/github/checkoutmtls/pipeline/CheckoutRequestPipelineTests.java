package io.github.checkoutmtls.pipeline;

import java.io.IOError;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import io.github.checkoutmtls.TestContexts;
import io.github.checkoutmtls.autoconfigure.CheckoutWebClientCustomizer;
import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.connector.TestConnectors;
import io.github.checkoutmtls.diagnostics.CheckoutMtlsHandshakeException;
import io.github.checkoutmtls.diagnostics.HandshakeFailureListener;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorExtension;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest.AuthMode;
import io.github.checkoutmtls.test.junit.SimulatorFixture;
import io.github.checkoutmtls.pipeline.CheckoutRequestPipeline.PipelineSettings;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.HandshakeRejection;
import io.github.checkoutmtls.test.simulator.IssuedToken;
import io.github.checkoutmtls.test.simulator.RecordedExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link CheckoutRequestPipeline} through {@code checkoutWebClient}, against
 * the simulator with injected faults: one test per guarantee the pipeline makes, each a
 * defect the filters it replaced had.
 */
@ExtendWith(OutputCaptureExtension.class)
class CheckoutRequestPipelineTests {

	private static final String PAYMENT = "{\"amount\":1000,\"currency\":\"EUR\",\"reference\":\"o-1\","
			+ "\"source\":{\"type\":\"card\",\"number\":\"4242424242424242\",\"expiry_month\":12,\"expiry_year\":2030}}";

	private static final String CLIENT_ID = "ack_pipeline";

	@RegisterExtension
	static final CheckoutMtlsSimulatorExtension checkout = SimulatorFixture.builder()
		.handshakeRejection(HandshakeRejection.RESET)
		.simulator((simulator) -> simulator.client(CLIENT_ID, null))
		.perClass();

	private static TestPki pki;

	private static CheckoutMtlsSimulator simulator;

	private final AtomicInteger handshakeFailures = new AtomicInteger();

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void reset() {
		pki = checkout.pki();
		simulator = checkout.simulator();
		simulator.payments().clear();
		this.contextRunner = TestContexts.contextRunner()
			.withPropertyValues(checkout.fixture().propertyValues())
			.withPropertyValues("checkout.mtls.retry.initial-backoff=10ms", "checkout.mtls.retry.max-backoff=50ms",
					"checkout.mtls.retry.in-progress-backoff=100ms")
			.withBean(HandshakeFailureListener.class, () -> (failure) -> this.handshakeFailures.incrementAndGet());
	}

	@Test
	void postToPaymentsWhenResetAfterProcessingIsSentAgainWithTheSameKeyAndBytesAndPaysOnce() {
		simulator.faults().on("POST", "/payments").times(1).resetAfterProcessing();
		this.contextRunner.run((context) -> {
			assertThat(post(client(context), "/payments").block(Duration.ofSeconds(20))).contains("Authorized");
			assertThat(simulator.payments().count()).isOne();
			assertSameRequestSentTwice();
		});
	}

	@Test
	void oneShotBodyWhenResetAfterProcessingIsSentAgainWithTheBytesItFirstWrote() {
		simulator.faults().on("POST", "/payments").times(1).resetAfterProcessing();
		this.contextRunner.run((context) -> {
			String answer = client(context).post()
				.uri("/payments")
				.contentType(MediaType.APPLICATION_JSON)
				.body(BodyInserters.fromDataBuffers(oneShot(PAYMENT)))
				.retrieve()
				.bodyToMono(String.class)
				.block(Duration.ofSeconds(20));
			assertThat(answer).contains("Authorized");
			assertThat(simulator.payments().count()).isOne();
			assertSameRequestSentTwice();
		});
	}

	@Test
	void bodyRewrittenByACustomizerFilterIsWhatIsSentAgain() {
		simulator.faults().on("POST", "/payments").times(1).resetAfterProcessing();
		String rewritten = PAYMENT.replace("o-1", "rewritten-by-filter");
		CheckoutWebClientCustomizer rewriting = (builder) -> builder.filter((request, next) -> next
			.exchange(ClientRequest.from(request).body(BodyInserters.fromValue(rewritten)).build()));
		this.contextRunner.withBean(CheckoutWebClientCustomizer.class, () -> rewriting).run((context) -> {
			assertThat(post(client(context), "/payments").block(Duration.ofSeconds(20)))
				.contains("rewritten-by-filter");
			assertThat(simulator.payments().count()).isOne();
			assertSameRequestSentTwice();
			assertThat(simulator.exchanges().get(1).body()).isEqualTo(rewritten);
		});
	}

	@Test
	void postWithoutKeyWhenResetAfterProcessingIsNeverSentAgainAndItsOutcomeIsUnknown() {
		simulator.faults().on("POST", "/payments").times(1).resetAfterProcessing();
		CheckoutWebClientCustomizer rewriting = (builder) -> builder.filter((request, next) -> next
			.exchange(ClientRequest.from(request).body(BodyInserters.fromValue(PAYMENT)).build()));
		this.contextRunner.withPropertyValues("checkout.mtls.idempotency.auto-generate=false")
			.withBean(CheckoutWebClientCustomizer.class, () -> rewriting)
			.run((context) -> {
				assertThatExceptionOfType(CheckoutOutcomeUnknownException.class)
					.isThrownBy(() -> post(client(context), "/payments").block(Duration.ofSeconds(20)))
					.satisfies((ex) -> {
						assertThat(ex.getIdempotencyKey()).isNull();
						assertThat(ex.getAttempts()).isOne();
						assertThat(ex.getPath()).isEqualTo("/payments");
						assertThat(ex.getMessage()).contains("may take effect twice");
					});
				assertThat(simulator.exchanges()).hasSize(1);
				assertThat(simulator.payments().count()).isOne();
				assertThat(this.handshakeFailures).hasValue(0);
			});
	}

	@Test
	void postToAnEndpointWithoutIdempotencyGetsNoKeyAndIsNeverSentAgainOnceWritten() {
		simulator.faults().on("POST", "/payments").times(1).resetAfterProcessing();
		this.contextRunner.withPropertyValues("checkout.mtls.idempotency.endpoints=/transfers").run((context) -> {
			assertThatExceptionOfType(CheckoutOutcomeUnknownException.class)
				.isThrownBy(() -> post(client(context), "/payments").block(Duration.ofSeconds(20)));
			assertThat(simulator.exchanges()).singleElement()
				.satisfies((exchange) -> assertThat(exchange.idempotencyKey()).isNull());
			assertThat(simulator.payments().count()).isOne();
		});
	}

	@Test
	void keyOfTheCallerOnAnEndpointWithoutIdempotencyDoesNotMakeItSafeToSendAgain() {
		simulator.faults().on("POST", "/payments").times(1).resetAfterProcessing();
		this.contextRunner.withPropertyValues("checkout.mtls.idempotency.endpoints=/transfers").run((context) -> {
			assertThatExceptionOfType(CheckoutOutcomeUnknownException.class).isThrownBy(() -> client(context).post()
				.uri("/payments")
				.header("Cko-Idempotency-Key", "order-42")
				.bodyValue(PAYMENT)
				.retrieve()
				.bodyToMono(String.class)
				.block(Duration.ofSeconds(20)));
			assertThat(simulator.exchanges()).hasSize(1);
		});
	}

	@Test
	void bodyLargerThanTheReplayLimitIsNeverSentAgainOnceWritten() {
		simulator.faults().on("POST", "/payments").times(1).resetAfterProcessing();
		this.contextRunner.withPropertyValues("checkout.mtls.retry.max-replay-body-size=64B").run((context) -> {
			assertThatExceptionOfType(CheckoutOutcomeUnknownException.class)
				.isThrownBy(() -> post(client(context), "/payments").block(Duration.ofSeconds(20)))
				.satisfies((ex) -> assertThat(ex.getIdempotencyKey()).isNotNull());
			assertThat(simulator.exchanges()).hasSize(1);
			assertThat(simulator.payments().count()).isOne();
		});
	}

	@Test
	void getWhenConnectionIsLostAfterWriteIsSentAgain() {
		simulator.faults().on("GET", "/workflows").times(1).resetAfterProcessing();
		this.contextRunner.run((context) -> {
			assertThat(get(client(context), "/workflows").block(Duration.ofSeconds(20))).contains("data");
			assertThat(simulator.exchanges()).hasSize(2);
			assertThat(this.handshakeFailures).hasValue(0);
		});
	}

	@Test
	void resetOnAReusedConnectionIsNotDiagnosedAsACertificateRejection() {
		simulator.faults().on("POST", "/payments").times(1).resetAfterProcessing();
		this.contextRunner.withPropertyValues("checkout.mtls.idempotency.auto-generate=false").run((context) -> {
			WebClient client = client(context);
			get(client, "/workflows").block(Duration.ofSeconds(20));
			CheckoutMtlsConnector connector = context.getBean(CheckoutMtlsConnector.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> connector.poolUsage().activeConnections() == 0);
			assertThat(connector.poolUsage().openConnections()).isOne();
			assertThatExceptionOfType(CheckoutOutcomeUnknownException.class)
				.isThrownBy(() -> post(client, "/payments").block(Duration.ofSeconds(20)))
				.satisfies((ex) -> assertThat(ex).cause().isNotInstanceOf(CheckoutMtlsHandshakeException.class));
			assertThat(this.handshakeFailures).hasValue(0);
		});
	}

	@Test
	void handshakeRefusedWithAResetIsNotSentAgain() {
		simulator.faults().rejectHandshakes();
		this.contextRunner.run((context) -> {
			assertThatExceptionOfType(CheckoutMtlsHandshakeException.class)
				.isThrownBy(() -> get(client(context), "/workflows").block(Duration.ofSeconds(20)));
			assertThat(simulator.handshakeRejections()).hasSize(1);
			assertThat(this.handshakeFailures).hasValue(1);
		});
	}

	@Test
	void listenerThatThrowsNeverBecomesTheRequestsFailure(CapturedOutput output) {
		simulator.faults().rejectHandshakes();
		this.contextRunner.withBean(ThrowingListener.class).withBean(ErrorThrowingListener.class).run((context) -> {
			assertThatExceptionOfType(CheckoutMtlsHandshakeException.class)
				.isThrownBy(() -> get(client(context), "/workflows").block(Duration.ofSeconds(20)));
			assertThat(output).contains("failed; the request's own failure is unchanged")
				.contains("a listener's own bug")
				.contains("a listener's I/O error");
			assertThat(this.handshakeFailures).as("the other listener heard of it too").hasValue(1);
		});
	}

	@Test
	void paymentOnAConnectionRefusedWithAResetIsNotSentAgainAndItsOutcomeIsUnknown() {
		simulator.faults().rejectHandshakes();
		this.contextRunner.run((context) -> {
			Throwable failure = org.assertj.core.api.Assertions
				.catchThrowable(() -> post(client(context), "/payments").block(Duration.ofSeconds(20)));
			assertThat(failure).isInstanceOfAny(CheckoutMtlsHandshakeException.class,
					CheckoutOutcomeUnknownException.class);
			if (failure instanceof CheckoutOutcomeUnknownException unknown) {
				assertThat(unknown).hasCauseInstanceOf(CheckoutMtlsHandshakeException.class);
				assertThat(unknown.getMessage()).contains("refused the client certificate");
			}
			assertThat(simulator.handshakeRejections()).hasSize(1);
			assertThat(simulator.payments().count()).isZero();
			// Counted as a refused handshake whichever exception the caller got.
			assertThat(this.handshakeFailures).hasValue(1);
		});
	}

	@Test
	void requestWhenFailuresOutlastMaxAttemptsGivesTheLastResponseAndFreesTheConnection() {
		simulator.faults().on("GET", "/workflows").status(503);
		this.contextRunner.withPropertyValues("checkout.mtls.retry.max-attempts=4").run((context) -> {
			assertThatExceptionOfType(WebClientResponseException.ServiceUnavailable.class)
				.isThrownBy(() -> get(client(context), "/workflows").block(Duration.ofSeconds(20)));
			assertThat(simulator.exchanges()).hasSize(4);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(context.getBean(CheckoutMtlsConnector.class).poolUsage().activeConnections())
							.isZero());
		});
	}

	@Test
	void jwtModeRequestIsSentAtMostMaxAttemptsTimesWhateverTheFailures() {
		simulator.faults().on("GET", "/workflows").status(503);
		this.contextRunner
			.withPropertyValues("checkout.mtls.auth-mode=jwt", "checkout.mtls.jwt.client-id=" + CLIENT_ID,
					"checkout.mtls.jwt.client-authentication=tls-client-auth")
			.run((context) -> {
				assertThatExceptionOfType(WebClientResponseException.ServiceUnavailable.class)
					.isThrownBy(() -> get(client(context), "/workflows").block(Duration.ofSeconds(20)));
				assertThat(simulator.exchanges()).filteredOn((exchange) -> exchange.path().equals("/workflows"))
					.hasSize(3)
					.allSatisfy((exchange) -> assertThat(exchange.bearerToken()).isNotNull());
			});
	}

	@Test
	void postThatNeverReachedAConnectionIsSentAgainWhateverItsEndpoint(CapturedOutput output) throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel(CheckoutRequestPipeline.class.getName(), LogLevel.DEBUG);
		try {
			this.contextRunner
				.withPropertyValues("checkout.mtls.api-base-url=https://localhost:" + closedPort,
						"checkout.mtls.idempotency.endpoints=/transfers")
				.run((context) -> assertThatExceptionOfType(WebClientRequestException.class)
					.isThrownBy(() -> post(client(context), "/payments").block(Duration.ofSeconds(20)))
					.withRootCauseInstanceOf(ConnectException.class)
					.isNotInstanceOf(CheckoutOutcomeUnknownException.class));
		}
		finally {
			logging.setLogLevel(CheckoutRequestPipeline.class.getName(), null);
		}
		// Three attempts in all: the POST never reached a connection, so sending it again
		// is safe.
		assertThat(output.getAll().split("Sending POST /payments again", -1)).hasSize(3);
	}

	@Test
	void customizerFiltersSeeEachLogicalRequestOnceAboveEveryAttempt() {
		simulator.faults().on("GET", "/workflows").times(2).status(503);
		AtomicInteger filterCalls = new AtomicInteger();
		CheckoutWebClientCustomizer counting = (builder) -> builder.filter((request, next) -> {
			filterCalls.incrementAndGet();
			return next.exchange(ClientRequest.from(request).header("X-Trace", "t-1").build());
		});
		this.contextRunner.withBean(CheckoutWebClientCustomizer.class, () -> counting).run((context) -> {
			assertThat(get(client(context), "/workflows").block(Duration.ofSeconds(20))).contains("data");
			assertThat(filterCalls).hasValue(1);
			assertThat(simulator.exchanges()).hasSize(3)
				.allSatisfy((exchange) -> assertThat(exchange.header("X-Trace")).isEqualTo("t-1"));
		});
	}

	@Test
	void paymentResetWhileCheckoutStillProcessesItWaitsOutTheConcurrentDuplicateAnswerAndPaysOnce() {
		simulator.faults().on("POST", "/payments").times(1).resetWhileProcessing(Duration.ofMillis(400));
		this.contextRunner.run((context) -> {
			assertThat(post(client(context), "/payments").block(Duration.ofSeconds(20))).contains("Authorized");
			assertThat(simulator.processedRequests("POST", "/payments")).isOne();
			List<RecordedExchange> attempts = simulator.exchanges();
			// The reset, then Checkout's 429 while the first is processed, then the
			// stored answer replayed.
			assertThat(attempts).hasSizeGreaterThanOrEqualTo(3);
			assertThat(attempts.get(1).status()).isEqualTo(429);
			assertThat(attempts.get(attempts.size() - 1).replayed()).isTrue();
			assertThat(attempts).extracting(RecordedExchange::idempotencyKey)
				.containsOnly(attempts.get(0).idempotencyKey());
		});
	}

	@Test
	void paymentStillInProgressAtTheDeadlineEndsUnknownNotAsARateLimit() {
		// Its own simulator: the payment completes after this test, and must not land in
		// another test's count.
		withOwnSimulator((own, runner) -> {
			own.faults().on("POST", "/payments").times(1).resetWhileProcessing(Duration.ofSeconds(3));
			runner.withPropertyValues("checkout.mtls.retry.deadline=1s").run((context) -> {
				assertThatExceptionOfType(CheckoutOutcomeUnknownException.class)
					.isThrownBy(() -> post(client(context), "/payments").block(Duration.ofSeconds(20)))
					.withMessageContaining("in progress")
					.satisfies((ex) -> assertThat(ex.getIdempotencyKey()).isNotNull());
				assertThat(own.exchanges()).extracting(RecordedExchange::status).contains(429);
			});
		});
	}

	private void withOwnSimulator(BiConsumer<CheckoutMtlsSimulator, ApplicationContextRunner> test) {
		try (SimulatorFixture own = SimulatorFixture.builder().pki(pki).start()) {
			test.accept(own.simulator(), this.contextRunner.withPropertyValues(own.propertyValues()));
		}
	}

	@Test
	void concurrentDuplicateAnswerOf409IsWaitedOutToo() {
		try (SimulatorFixture fixture = SimulatorFixture.builder()
			.pki(pki)
			.simulator((builder) -> builder.concurrentDuplicateStatus(409))
			.start()) {
			CheckoutMtlsSimulator conflicting = fixture.simulator();
			conflicting.faults().on("POST", "/payments").times(1).resetWhileProcessing(Duration.ofMillis(400));
			this.contextRunner.withPropertyValues(fixture.propertyValues()).run((context) -> {
				assertThat(post(client(context), "/payments").block(Duration.ofSeconds(20))).contains("Authorized");
				assertThat(conflicting.processedRequests("POST", "/payments")).isOne();
				assertThat(conflicting.exchanges()).extracting(RecordedExchange::status).contains(409);
			});
		}
	}

	@Test
	void tokenAndKeyGoToTheApiOriginOnlyNotToAnotherOriginThroughTheSameClient() {
		// Same PKI, so the same server certificate, which the client trusts already
		try (SimulatorFixture fixture = SimulatorFixture.builder().pki(pki).start()) {
			CheckoutMtlsSimulator elsewhere = fixture.simulator();
			this.contextRunner
				.withPropertyValues("checkout.mtls.auth-mode=jwt", "checkout.mtls.jwt.client-id=" + CLIENT_ID,
						"checkout.mtls.jwt.client-authentication=tls-client-auth")
				.run((context) -> {
					WebClient client = client(context);
					post(client, elsewhere.apiBaseUrl() + "/payments").block(Duration.ofSeconds(20));
					post(client, "/payments").block(Duration.ofSeconds(20));
					assertThat(elsewhere.exchanges()).singleElement().satisfies((exchange) -> {
						assertThat(exchange.bearerToken()).isNull();
						assertThat(exchange.idempotencyKey()).isNull();
					});
					assertThat(simulator.exchanges()).filteredOn((exchange) -> exchange.path().equals("/payments"))
						.singleElement()
						.satisfies((exchange) -> {
							assertThat(exchange.bearerToken()).isNotNull();
							assertThat(exchange.idempotencyKey()).isNotNull();
						});
				});
		}
	}

	@Test
	void unauthorizedInCertificateModeReachesTheCallerOnceWithTheCommonNameDiagnosis(CapturedOutput output) {
		try (SimulatorFixture fixture = SimulatorFixture.builder()
			.pki(pki)
			.simulator((builder) -> builder.registeredCommonName("registered.example"))
			.start()) {
			CheckoutMtlsSimulator registeredElse = fixture.simulator();
			this.contextRunner.withPropertyValues(fixture.propertyValues()).run((context) -> {
				assertThatExceptionOfType(WebClientResponseException.Unauthorized.class)
					.isThrownBy(() -> get(client(context), "/workflows").block(Duration.ofSeconds(20)));
				assertThat(registeredElse.exchanges()).hasSize(1);
			});
			assertThat(output).contains("Checkout answered 401 Unauthorized to GET /workflows")
				.doesNotContain("freshly fetched token");
		}
	}

	@Test
	void certificateSwappedWhileItsTokenIsFetchedStartsTheRequestOverWithTheNewCertificateAndItsToken() {
		simulator.tokenFaults().delayNext(1, Duration.ofMillis(800));
		CertificateAndKey next = pki.issueLeaf(pki.leaf()
			.certificate()
			.getSubjectX500Principal()
			.getName()
			.replaceFirst("^CN=", "")
			.replaceFirst(",.*$", ""), KeyType.EC_P256);
		ClientIdentity nextIdentity = ClientIdentity.of(pki.chainFor(next), next.privateKey(), "test");
		this.contextRunner
			.withPropertyValues("checkout.mtls.auth-mode=jwt", "checkout.mtls.jwt.client-id=" + CLIENT_ID,
					"checkout.mtls.jwt.client-authentication=tls-client-auth")
			.run((context) -> {
				CompletableFuture<String> answer = get(client(context), "/workflows").toFuture();
				await().atMost(Duration.ofSeconds(10)).until(() -> simulator.tokenRequests() >= 1);
				context.getBean(CheckoutMtlsConnector.class).swap(nextIdentity);
				assertThat(answer.get(20, TimeUnit.SECONDS)).contains("data");
				assertThat(simulator.exchanges()).filteredOn((exchange) -> exchange.path().equals("/workflows"))
					.singleElement()
					.satisfies(
							(exchange) -> assertThat(exchange.leafThumbprint()).isEqualTo(nextIdentity.thumbprint()));
				assertThat(simulator.issuedTokens()).extracting(IssuedToken::thumbprint)
					.contains(nextIdentity.thumbprint());
			});
	}

	@Test
	void jwtUnauthorizedForATokenJustFetchedReachesTheCallerWithoutAnotherTokenRequest(CapturedOutput output) {
		try (SimulatorFixture fixture = SimulatorFixture.builder().pki(pki).authMode(AuthMode.JWT, CLIENT_ID).start()) {
			CheckoutMtlsSimulator requiring = fixture.simulator();
			this.contextRunner.withPropertyValues(fixture.propertyValues())
				.withPropertyValues("checkout.mtls.auth-mode=jwt", "checkout.mtls.jwt.client-id=" + CLIENT_ID,
						"checkout.mtls.jwt.client-authentication=tls-client-auth")
				.run((context) -> {
					assertThat(get(client(context), "/workflows").block(Duration.ofSeconds(20))).contains("data");
					requiring.revokeAllTokens();
					assertThatExceptionOfType(WebClientResponseException.Unauthorized.class)
						.isThrownBy(() -> get(client(context), "/workflows").block(Duration.ofSeconds(20)));
					assertThat(requiring.tokenRequests()).isOne();
				});
			assertThat(output).contains("refused a freshly fetched token too");
		}
	}

	@Test
	void postElsewhereAnsweredWithAGatewayErrorGetsThatFinalAnswer() {
		simulator.faults().on("POST", "/payments").times(1).status(502);
		this.contextRunner.withPropertyValues("checkout.mtls.idempotency.endpoints=/transfers").run((context) -> {
			assertThatExceptionOfType(WebClientResponseException.BadGateway.class)
				.isThrownBy(() -> post(client(context), "/payments").block(Duration.ofSeconds(20)));
			assertThat(simulator.exchanges()).hasSize(1);
		});
	}

	@Test
	void retryAfterOfTenDigitsIsNotWaitedForAndGivesThe429() {
		simulator.faults().on("GET", "/workflows").times(1).rateLimit(9_999_999_999L);
		this.contextRunner.run((context) -> {
			assertThatExceptionOfType(WebClientResponseException.TooManyRequests.class)
				.isThrownBy(() -> get(client(context), "/workflows").block(Duration.ofSeconds(20)));
			assertThat(simulator.exchanges()).hasSize(1);
		});
	}

	@Test
	void requestWhenRetryIsDisabledIsSentOnce() {
		simulator.faults().on("GET", "/workflows").times(1).status(503);
		this.contextRunner.withPropertyValues("checkout.mtls.retry.enabled=false").run((context) -> {
			assertThatExceptionOfType(WebClientResponseException.ServiceUnavailable.class)
				.isThrownBy(() -> get(client(context), "/workflows").block(Duration.ofSeconds(20)));
			assertThat(simulator.exchanges()).hasSize(1);
		});
	}

	@Test
	void paymentWithoutAnswerWithinTheResponseTimeoutIsNotSentAgainAndItsOutcomeIsUnknown() {
		withOwnSimulator((own, runner) -> {
			own.faults().on("POST", "/payments").times(1).latency(Duration.ofMillis(1500));
			runner.withPropertyValues("checkout.mtls.http.response-timeout=300ms").run((context) -> {
				assertThatExceptionOfType(CheckoutOutcomeUnknownException.class)
					.isThrownBy(() -> post(client(context), "/payments").block(Duration.ofSeconds(20)))
					.withMessageContaining("response-timeout")
					.satisfies((ex) -> {
						assertThat(ex.getIdempotencyKey()).isNotNull();
						assertThat(ex.getAttempts()).isOne();
					});
				assertThat(own.exchanges()).hasSize(1);
			});
		});
	}

	@Test
	void apiBaseUrlWithoutAPortIsTheOriginOnItsSchemesDefaultPortOnly() {
		ClientIdentity identity = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");
		CheckoutMtlsConnector connector = TestConnectors.presenting(identity, Duration.ofSeconds(10),
				List.of(simulator.serverCa()));
		try {
			PipelineSettings settings = new PipelineSettings(URI.create("https://api.sandbox.checkout.com"), true, 3,
					Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofMillis(100), 1024,
					true, List.of("/payments"));
			CheckoutRequestPipeline pipeline = new CheckoutRequestPipeline(connector, settings, null, (failure) -> {
			});
			assertThat(pipeline.isApiOrigin(URI.create("https://api.sandbox.checkout.com:443/payments"))).isTrue();
			assertThat(pipeline.isApiOrigin(URI.create("https://API.sandbox.checkout.com/payments"))).isTrue();
			assertThat(pipeline.isApiOrigin(URI.create("https://api.sandbox.checkout.com:8443/payments"))).isFalse();
			assertThat(pipeline.isApiOrigin(URI.create("http://api.sandbox.checkout.com/payments"))).isFalse();
		}
		finally {
			connector.destroy();
		}
	}

	private static void assertSameRequestSentTwice() {
		List<RecordedExchange> exchanges = simulator.exchanges();
		assertThat(exchanges).hasSize(2);
		RecordedExchange first = exchanges.get(0);
		assertThat(first.idempotencyKey()).isNotNull();
		assertThat(exchanges).allSatisfy((exchange) -> {
			assertThat(exchange.idempotencyKey()).isEqualTo(first.idempotencyKey());
			assertThat(exchange.body()).isEqualTo(first.body()).isNotEmpty();
		});
	}

	private static Flux<DataBuffer> oneShot(String body) {
		AtomicBoolean used = new AtomicBoolean();
		return Flux.defer(() -> used.getAndSet(true) ? Flux.empty()
				: Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body.getBytes(StandardCharsets.UTF_8))));
	}

	private static WebClient client(AssertableApplicationContext context) {
		return context.getBean("checkoutWebClient", WebClient.class);
	}

	private static Mono<String> post(WebClient client, String path) {
		return client.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(PAYMENT)
			.retrieve()
			.bodyToMono(String.class);
	}

	private static Mono<String> get(WebClient client, String path) {
		return client.get().uri(path).retrieve().bodyToMono(String.class);
	}

	/**
	 * A listener told second, failing with an {@link Error} that is no JVM failure.
	 */
	static class ErrorThrowingListener implements HandshakeFailureListener, Ordered {

		@Override
		public void handshakeFailed(CheckoutMtlsHandshakeException failure) {
			throw new IOError(new IOException("a listener's I/O error"));
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE + 1;
		}

	}

	/**
	 * A listener told first, with a bug of its own.
	 */
	static class ThrowingListener implements HandshakeFailureListener, Ordered {

		@Override
		public void handshakeFailed(CheckoutMtlsHandshakeException failure) {
			throw new AssertionError("a listener's own bug");
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}
