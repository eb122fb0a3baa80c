package io.github.checkoutmtls.token;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.TestContexts;
import io.github.checkoutmtls.connector.TestConnectors;
import io.github.checkoutmtls.connector.PlainConnector;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.Pem;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.pki.TestPkiFiles;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulatorBuilder;
import io.github.checkoutmtls.test.simulator.RecordedExchange;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;
import io.github.checkoutmtls.token.TokenFetcher.TokenSettings;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * JWT mode end to end: tokens from the simulator's access host over the client
 * certificate, bound to it (RFC 8705) and checked by the simulator's API host.
 */
@ExtendWith(OutputCaptureExtension.class)
class JwtModeTests {

	private static final String CLIENT_ID = "ack_test_client";

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = TestContexts.contextRunner();

	private final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	private CheckoutMtlsSimulator simulator;

	private CheckoutMtlsSimulator other;

	@BeforeEach
	void addPayment() {
		this.simulator = simulator((builder) -> builder);
	}

	@AfterEach
	void stop() {
		this.simulator.close();
		if (this.other != null) {
			this.other.close();
		}
	}

	@Test
	void requestCarriesTokenBoundToPresentedLeafAndNeverLogsIt(CapturedOutput output) {
		run((context) -> {
			assertThat(get(context).getStatusCode().value()).isEqualTo(200);
			RecordedExchange exchange = apiExchanges().get(0);
			assertThat(exchange.bearerToken()).isNotNull();
			assertThat(this.simulator.issuedTokens()).singleElement()
				.satisfies((token) -> assertThat(token.thumbprint()).isEqualTo(this.pki.leaf().thumbprint()))
				.satisfies((token) -> assertThat(token.token()).isEqualTo(exchange.bearerToken()));
			assertThat(output).doesNotContain(exchange.bearerToken());
		}, "logging.level.io.github.checkoutmtls=debug");
	}

	@Test
	void tokenBoundToAnotherCertificateFailsWithBindingException() {
		// The token request presents leaf A while the client believes it presents leaf B:
		// what a
		// TLS-intercepting proxy or a different certificate on the token call looks like.
		CertificateAndKey otherLeaf = this.pki.issueLeaf("merchant.internal", KeyType.EC_P256);
		ClientIdentity presented = ClientIdentity.of(this.pki.chain(), this.pki.leaf().privateKey(), "test=a");
		ClientIdentity expected = ClientIdentity.of(this.pki.chainFor(otherLeaf), otherLeaf.privateKey(), "test=b");
		// A plain connector: CheckoutMtlsConnector would refuse to send a request pinned
		// to another identity.
		try (PlainConnector connector = TestConnectors.plain(presented, List.of(this.simulator.serverCa()))) {
			TokenSettings settings = new TokenSettings(URI.create(this.simulator.accessBaseUrl() + "/connect/token"),
					CLIENT_ID, null, ClientAuthenticationMethod.TLS_CLIENT_AUTH, List.of(), Duration.ofSeconds(60),
					Duration.ofSeconds(10));
			ClientCredentialsTokenFetcher fetcher = new ClientCredentialsTokenFetcher(settings, connector.connector(),
					() -> presented, Clock.systemUTC());
			assertThatExceptionOfType(TokenBindingException.class)
				.isThrownBy(() -> fetcher.fetch(expected).block(Duration.ofSeconds(10)))
				.withMessageContaining("bound to another certificate (cnf.x5t#S256=" + presented.thumbprint())
				.withMessageContaining("presents (x5t#S256=" + expected.thumbprint())
				.withMessageContaining("TLS-intercepting proxy");
		}
	}

	@Test
	void requestsReuseCachedToken() {
		run((context) -> {
			for (int i = 0; i < 5; i++) {
				assertThat(get(context).getStatusCode().value()).isEqualTo(200);
			}
			assertThat(this.simulator.tokenRequests()).isEqualTo(1);
		});
	}

	@Test
	void fiveHundredConcurrentColdRequestsCauseOneTokenRequest() {
		run((context) -> {
			WebClient client = context.getBean("checkoutWebClient", WebClient.class);
			List<Integer> statuses = Flux.range(0, 500)
				.flatMap((i) -> client.get().uri("/payments/pay_jwt").retrieve().toBodilessEntity(), 500)
				.map((response) -> response.getStatusCode().value())
				.collectList()
				.block(Duration.ofSeconds(60));
			assertThat(statuses).hasSize(500).containsOnly(200);
			assertThat(this.simulator.tokenRequests()).isEqualTo(1);
			// A small pool keeps this about the token, not about a loaded machine's
			// handshake capacity.
		}, "checkout.mtls.http.max-connections=16");
	}

	@Test
	void clientSecretPostSendsSecretInBody() {
		this.simulator.close();
		this.simulator = simulator((builder) -> builder.client(CLIENT_ID, "s3cret-value"));
		run((context) -> assertThat(get(context).getStatusCode().value()).isEqualTo(200),
				"checkout.mtls.jwt.client-secret=s3cret-value");
		assertThat(this.simulator.tokenRequests()).isEqualTo(1);
	}

	@Test
	void clientSecretBasicSendsSecretAsBasicCredentials() {
		this.simulator.close();
		this.simulator = simulator((builder) -> builder.client(CLIENT_ID, "s3cret-value"));
		run((context) -> assertThat(get(context).getStatusCode().value()).isEqualTo(200),
				"checkout.mtls.jwt.client-secret=s3cret-value",
				"checkout.mtls.jwt.client-authentication=client-secret-basic");
	}

	@Test
	void unauthorizedWithATokenFetchedMomentsAgoIsNotRefetched() {
		// A token younger than the cache's refusal window was refused: not staleness, so
		// no refetch per call.
		// (The refetch of an older refused token runs on virtual time in
		// TokenCacheReplaceRefusedTests.)
		run((context) -> {
			assertThat(get(context).getStatusCode().value()).isEqualTo(200);
			this.simulator.revokeAllTokens();
			assertThat(get(context).getStatusCode().value()).isEqualTo(401);
			assertThat(get(context).getStatusCode().value()).isEqualTo(401);
			assertThat(this.simulator.tokenRequests()).isEqualTo(1);
			assertThat(apiExchanges()).extracting(RecordedExchange::status).containsExactly(200, 401, 401);
		});
	}

	@Test
	void secondUnauthorizedReachesCallerWithDiagnosis(CapturedOutput output) throws Exception {
		// Tokens come from one simulator's access host; the other's API host trusts none
		// of them.
		this.other = simulator((builder) -> builder);
		Path trust = Files.writeString(this.directory.resolve("both-cas.pem"),
				Pem.certificates(this.simulator.serverCa(), this.other.serverCa()));
		run((context) -> {
			assertThat(get(context).getStatusCode().value()).isEqualTo(401);
			assertThat(get(context).getStatusCode().value()).isEqualTo(401);
			// A persistent 401 costs no token request per call.
			assertThat(this.simulator.tokenRequests()).isEqualTo(1);
			assertThat(this.other.exchanges()).extracting(RecordedExchange::status).containsExactly(401, 401);
		}, "checkout.mtls.api-base-url=" + this.other.apiBaseUrl(), "checkout.mtls.trust.certificates=file:" + trust);
		assertThat(output).contains("Checkout answered 401 Unauthorized to GET /payments/pay_jwt")
			.contains("refused a freshly fetched token too");
	}

	@Test
	void tokenEndpointUnauthorizedWithoutBodyFailsNamingWhatToCheck() {
		this.simulator.close();
		this.simulator = simulator((builder) -> builder.registeredCommonName("merchant.registered"));
		run((context) -> assertThatExceptionOfType(TokenRequestException.class).isThrownBy(() -> get(context))
			.withMessageContaining("HTTP 401")
			.withMessageContaining("checkout.mtls.expected-common-name"));
	}

	@Test
	void requestToAnotherOriginCarriesNoToken() throws Exception {
		this.other = CheckoutMtlsSimulator.builder().trustedRoots(this.pki.root().certificate()).start();
		this.other.addPayment("pay_other", "Authorized", 100, "EUR");
		Path trust = Files.writeString(this.directory.resolve("both-cas.pem"),
				Pem.certificates(this.simulator.serverCa(), this.other.serverCa()));
		run((context) -> {
			WebClient client = context.getBean("checkoutWebClient", WebClient.class);
			assertThat(client.get()
				.uri(this.other.apiBaseUrl() + "/payments/pay_other")
				.retrieve()
				.toBodilessEntity()
				.block(Duration.ofSeconds(10))
				.getStatusCode()
				.value()).isEqualTo(200);
			assertThat(this.other.exchanges()).singleElement()
				.satisfies((exchange) -> assertThat(exchange.bearerToken()).isNull())
				.satisfies((exchange) -> assertThat(exchange.header("Authorization")).isNull());
			assertThat(this.simulator.tokenRequests()).isZero();
		}, "checkout.mtls.trust.certificates=file:" + trust);
	}

	@Test
	void tokenEndpointRefusingClientFailsNamingErrorAndProperty() {
		run((context) -> assertThatExceptionOfType(TokenRequestException.class).isThrownBy(() -> get(context))
			.withMessageContaining("invalid_client")
			.withMessageContaining("checkout.mtls.jwt.client-id")
			.satisfies((ex) -> assertThat(ex.getError()).isEqualTo("invalid_client")),
				"checkout.mtls.jwt.client-id=ack_unknown");
	}

	@Test
	void tokenEndpointRefusingScopeFailsNamingScopesProperty() {
		this.simulator.close();
		this.simulator = simulator((builder) -> builder.allowedScopes("gateway"));
		run((context) -> assertThatExceptionOfType(TokenRequestException.class).isThrownBy(() -> get(context))
			.withMessageContaining("invalid_scope")
			.withMessageContaining("checkout.mtls.jwt.scopes"), "checkout.mtls.jwt.scopes=vault");
	}

	@Test
	void tokenEndpointServerErrorsAreRetried() {
		run((context) -> {
			this.simulator.tokenFaults().failNext(2, 503);
			assertThat(get(context).getStatusCode().value()).isEqualTo(200);
			assertThat(this.simulator.tokenRequests()).isEqualTo(3);
		});
	}

	@Test
	void tokenEndpointDownFailsAfterBoundedRetries() {
		run((context) -> {
			this.simulator.tokenFaults().failNext(10, 503);
			assertThatExceptionOfType(TokenEndpointUnavailableException.class).isThrownBy(() -> get(context))
				.withMessageContaining("503");
			assertThat(this.simulator.tokenRequests()).isEqualTo(3);
		});
	}

	@Test
	void tokenRequestSlowerThanTimeoutIsRetried() {
		run((context) -> {
			this.simulator.tokenFaults().delayNext(1, Duration.ofSeconds(5));
			assertThat(get(context).getStatusCode().value()).isEqualTo(200);
			assertThat(this.simulator.tokenRequests()).isEqualTo(2);
		}, "checkout.mtls.jwt.token-timeout=500ms");
	}

	@Test
	void tokenRequestTimingOutEveryTimeFailsAsUnavailable() {
		run((context) -> {
			this.simulator.tokenFaults().delayNext(3, Duration.ofSeconds(5));
			assertThatExceptionOfType(TokenEndpointUnavailableException.class).isThrownBy(() -> get(context))
				.withMessageContaining("after 3 attempt(s)")
				.withMessageContaining("checkout.mtls.jwt.token-timeout");
		}, "checkout.mtls.jwt.token-timeout=300ms");
	}

	@Test
	void accessHostUnreachableFailsAsUnavailable() {
		run((context) -> assertThatExceptionOfType(TokenEndpointUnavailableException.class)
			.isThrownBy(() -> get(context))
			.withMessageContaining("after 3 attempt(s)"), "checkout.mtls.access-base-url=https://localhost:1");
	}

	@Test
	void startupSucceedsWhileAccessHostIsDown() {
		this.contextRunner.withPropertyValues(properties(this.pki.writeTo(this.directory)))
			.withPropertyValues("checkout.mtls.access-base-url=https://localhost:1")
			.run((context) -> assertThat(context).hasNotFailed().hasBean("checkoutWebClient"));
	}

	@Test
	void tokenWithoutExpiresInUsesJwtExpiry() {
		this.simulator.close();
		this.simulator = simulator((builder) -> builder.omitExpiresIn(true).tokenLifetime(Duration.ofMinutes(20)));
		run((context) -> {
			get(context);
			get(context);
			assertThat(this.simulator.tokenRequests()).isEqualTo(1);
			AccessToken cached = context.getBean(TokenCache.class).cached();
			assertThat(cached.expiresAt()).isEqualTo(this.simulator.issuedTokens().get(0).expiresAt());
		});
	}

	@Test
	void tokenIsRefreshedBeforeItExpires() {
		this.simulator.close();
		this.simulator = simulator((builder) -> builder.tokenLifetime(Duration.ofSeconds(4)));
		run((context) -> {
			get(context);
			AccessToken first = context.getBean(TokenCache.class).cached();
			// refresh-before-expiry (60 s) is capped at half the 4 s lifetime: the
			// refresh starts at 2 s.
			assertThat(Duration.between(first.refreshAt(), first.expiresAt())).isEqualTo(Duration.ofSeconds(2));
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
				assertThat(get(context).getStatusCode().value()).isEqualTo(200);
				assertThat(this.simulator.tokenRequests()).isEqualTo(2);
			});
			assertThat(apiExchanges()).extracting(RecordedExchange::status).containsOnly(200);
		});
	}

	private CheckoutMtlsSimulator simulator(UnaryOperator<CheckoutMtlsSimulatorBuilder> customizer) {
		CheckoutMtlsSimulatorBuilder builder = CheckoutMtlsSimulator.builder()
			.trustedRoots(this.pki.root().certificate())
			.client(CLIENT_ID, null)
			.requireToken(true);
		CheckoutMtlsSimulator started = customizer.apply(builder).start();
		started.addPayment("pay_jwt", "Authorized", 1000, "EUR");
		return started;
	}

	private void run(ContextConsumer<AssertableApplicationContext> consumer, String... extraProperties) {
		this.contextRunner.withPropertyValues(properties(this.pki.writeTo(this.directory)))
			.withPropertyValues(extraProperties)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				consumer.accept(context);
			});
	}

	private String[] properties(TestPkiFiles files) {
		String[] simulator = TestContexts.simulator(files, this.simulator);
		String[] all = java.util.Arrays.copyOf(simulator, simulator.length + 2);
		all[simulator.length] = "checkout.mtls.auth-mode=jwt";
		all[simulator.length + 1] = "checkout.mtls.jwt.client-id=" + CLIENT_ID;
		return all;
	}

	private List<RecordedExchange> apiExchanges() {
		return this.simulator.exchanges()
			.stream()
			.filter((exchange) -> exchange.path().startsWith("/payments"))
			.toList();
	}

	private static ResponseEntity<Void> get(AssertableApplicationContext context) {
		return context.getBean("checkoutWebClient", WebClient.class)
			.get()
			.uri("/payments/pay_jwt")
			.retrieve()
			.onStatus((status) -> status.value() == 401, (response) -> Mono.empty())
			.toBodilessEntity()
			.block(Duration.ofSeconds(30));
	}

}
