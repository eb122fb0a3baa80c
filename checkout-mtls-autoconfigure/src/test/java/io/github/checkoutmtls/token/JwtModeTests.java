package io.github.checkoutmtls.token;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.TestContexts;
import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.connector.TestConnectors;
import io.github.checkoutmtls.connector.PlainConnector;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorExtension;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest.AuthMode;
import io.github.checkoutmtls.test.junit.SimulatorFixture;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.RecordedExchange;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;
import io.github.checkoutmtls.token.TokenFetcher.TokenSettings;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

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

	@RegisterExtension
	static final CheckoutMtlsSimulatorExtension checkout = SimulatorFixture.builder()
		.commonName("merchant.internal")
		.authMode(AuthMode.JWT, CLIENT_ID)
		.perClass();

	private final ApplicationContextRunner contextRunner = TestContexts.contextRunner();

	private TestPki pki;

	private CheckoutMtlsSimulator simulator;

	@BeforeEach
	void addPayment() {
		this.pki = checkout.pki();
		this.simulator = checkout.simulator();
		this.simulator.addPayment("pay_jwt", "Authorized", 1000, "EUR");
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
		// what a TLS-intercepting proxy or a different certificate on the token call
		// looks like.
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
		try (SimulatorFixture secret = variant((builder) -> builder.clientSecret("s3cret-value"))) {
			run(secret, (context) -> assertThat(get(context).getStatusCode().value()).isEqualTo(200),
					"checkout.mtls.jwt.client-secret=s3cret-value");
			assertThat(secret.simulator().tokenRequests()).isEqualTo(1);
		}
	}

	@Test
	void clientSecretBasicSendsSecretAsBasicCredentials() {
		try (SimulatorFixture secret = variant((builder) -> builder.clientSecret("s3cret-value"))) {
			run(secret, (context) -> assertThat(get(context).getStatusCode().value()).isEqualTo(200),
					"checkout.mtls.jwt.client-secret=s3cret-value",
					"checkout.mtls.jwt.client-authentication=client-secret-basic");
		}
	}

	@Test
	void unauthorizedWithATokenFetchedMomentsAgoIsNotRefetched() {
		// A token younger than the cache's refusal window was refused: not staleness, so
		// no refetch per call. (The refetch of an older refused token runs on virtual
		// time in TokenCacheReplaceRefusedTests.)
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
	void secondUnauthorizedReachesCallerWithDiagnosis(CapturedOutput output) {
		// Tokens come from one simulator's access host; the other's API host trusts none
		// of them (each simulator signs its own). Both serve the PKI's server
		// certificate.
		try (SimulatorFixture other = variant((builder) -> {
		})) {
			other.simulator().addPayment("pay_jwt", "Authorized", 1000, "EUR");
			run((context) -> {
				assertThat(get(context).getStatusCode().value()).isEqualTo(401);
				assertThat(get(context).getStatusCode().value()).isEqualTo(401);
				// A persistent 401 costs no token request per call.
				assertThat(this.simulator.tokenRequests()).isEqualTo(1);
				assertThat(other.simulator().exchanges()).extracting(RecordedExchange::status)
					.containsExactly(401, 401);
			}, "checkout.mtls.api-base-url=" + other.simulator().apiBaseUrl());
		}
		assertThat(output).contains("Checkout answered 401 Unauthorized to GET /payments/pay_jwt")
			.contains("refused a freshly fetched token too");
	}

	@Test
	void tokenEndpointUnauthorizedWithoutBodyFailsNamingWhatToCheck() {
		try (SimulatorFixture registered = variant(
				(builder) -> builder.simulator((simulator) -> simulator.registeredCommonName("merchant.registered")))) {
			run(registered,
					(context) -> assertThatExceptionOfType(TokenRequestException.class).isThrownBy(() -> get(context))
						.withMessageContaining("HTTP 401")
						.withMessageContaining("checkout.mtls.expected-common-name"));
		}
	}

	@Test
	void requestToAnotherOriginCarriesNoToken() {
		// Same PKI, so the same server certificate, in certificate mode: it answers
		// without a token.
		try (SimulatorFixture other = SimulatorFixture.builder().pki(this.pki).start()) {
			other.simulator().addPayment("pay_other", "Authorized", 100, "EUR");
			run((context) -> {
				WebClient client = context.getBean("checkoutWebClient", WebClient.class);
				assertThat(client.get()
					.uri(other.simulator().apiBaseUrl() + "/payments/pay_other")
					.retrieve()
					.toBodilessEntity()
					.block(Duration.ofSeconds(10))
					.getStatusCode()
					.value()).isEqualTo(200);
				assertThat(other.simulator().exchanges()).singleElement()
					.satisfies((exchange) -> assertThat(exchange.bearerToken()).isNull())
					.satisfies((exchange) -> assertThat(exchange.header("Authorization")).isNull());
				assertThat(this.simulator.tokenRequests()).isZero();
			});
		}
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
		try (SimulatorFixture scoped = variant(
				(builder) -> builder.simulator((simulator) -> simulator.allowedScopes("gateway")))) {
			run(scoped,
					(context) -> assertThatExceptionOfType(TokenRequestException.class).isThrownBy(() -> get(context))
						.withMessageContaining("invalid_scope")
						.withMessageContaining("checkout.mtls.jwt.scopes"),
					"checkout.mtls.jwt.scopes=vault");
		}
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
		this.contextRunner.withPropertyValues(checkout.fixture().propertyValues())
			.withPropertyValues("checkout.mtls.access-base-url=https://localhost:1")
			.run((context) -> assertThat(context).hasNotFailed().hasBean("checkoutWebClient"));
	}

	@Test
	void tokenWithoutExpiresInUsesJwtExpiry() {
		try (SimulatorFixture noExpiresIn = variant((builder) -> builder
			.simulator((simulator) -> simulator.omitExpiresIn(true).tokenLifetime(Duration.ofMinutes(20))))) {
			run(noExpiresIn, (context) -> {
				get(context);
				get(context);
				assertThat(noExpiresIn.simulator().tokenRequests()).isEqualTo(1);
				AccessToken cached = context.getBean(TokenCache.class).cached();
				assertThat(cached.expiresAt()).isEqualTo(noExpiresIn.simulator().issuedTokens().get(0).expiresAt());
			});
		}
	}

	@Test
	void tokenIsRefreshedBeforeItExpires() {
		// Virtual time: the simulator issues and checks tokens on its clock, the fetcher
		// and the cache compute and keep the refresh time on the same one.
		VirtualTime time = new VirtualTime();
		try (SimulatorFixture shortLived = variant((builder) -> builder
			.simulator((simulator) -> simulator.tokenLifetime(Duration.ofSeconds(4)).clock(time.clock())))) {
			run(shortLived, (context) -> {
				TokenCache cache = context.getBean(TokenCache.class);
				assertThat(get(context).getStatusCode().value()).isEqualTo(200);
				AccessToken first = cache.cached();
				// refresh-before-expiry (60 s) is capped at half the 4 s lifetime: the
				// refresh starts at 2 s.
				assertThat(Duration.between(first.refreshAt(), first.expiresAt())).isEqualTo(Duration.ofSeconds(2));
				time.advance(Duration.ofMillis(1500));
				assertThat(get(context).getStatusCode().value()).isEqualTo(200);
				assertThat(cache.cached()).isSameAs(first);
				assertThat(shortLived.simulator().tokenRequests()).isEqualTo(1);
				time.advance(Duration.ofMillis(1000));
				// Due for refresh, not expired: answered with the current token while the
				// next one is fetched
				assertThat(get(context).getStatusCode().value()).isEqualTo(200);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(cache.cached()).isNotNull().isNotSameAs(first));
				assertThat(get(context).getStatusCode().value()).isEqualTo(200);
				assertThat(shortLived.simulator().tokenRequests()).isEqualTo(2);
				List<RecordedExchange> exchanges = apiExchanges(shortLived.simulator());
				assertThat(exchanges).extracting(RecordedExchange::status).containsOnly(200);
				assertThat(exchanges).extracting(RecordedExchange::bearerToken)
					.containsExactly(first.value(), first.value(), first.value(), cache.cached().value());
			}, VirtualTimeTokens.class, time);
		}
	}

	/**
	 * A fixture for one test, trusting the class's PKI, in jwt mode for
	 * {@link #CLIENT_ID}, with the payment the tests get.
	 */
	private SimulatorFixture variant(Consumer<SimulatorFixture.Builder> customizer) {
		SimulatorFixture.Builder builder = SimulatorFixture.builder().pki(this.pki).authMode(AuthMode.JWT, CLIENT_ID);
		customizer.accept(builder);
		SimulatorFixture fixture = builder.start();
		fixture.simulator().addPayment("pay_jwt", "Authorized", 1000, "EUR");
		return fixture;
	}

	private void run(ContextConsumer<AssertableApplicationContext> consumer, String... extraProperties) {
		run(checkout.fixture(), consumer, extraProperties);
	}

	private void run(SimulatorFixture fixture, ContextConsumer<AssertableApplicationContext> consumer,
			String... extraProperties) {
		this.contextRunner.withPropertyValues(fixture.propertyValues())
			.withPropertyValues(extraProperties)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				consumer.accept(context);
			});
	}

	private void run(SimulatorFixture fixture, ContextConsumer<AssertableApplicationContext> consumer,
			Class<?> configuration, VirtualTime time) {
		this.contextRunner.withPropertyValues(fixture.propertyValues())
			.withBean(VirtualTime.class, () -> time)
			.withUserConfiguration(configuration)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				consumer.accept(context);
			});
	}

	private List<RecordedExchange> apiExchanges() {
		return apiExchanges(this.simulator);
	}

	private static List<RecordedExchange> apiExchanges(CheckoutMtlsSimulator simulator) {
		return simulator.exchanges().stream().filter((exchange) -> exchange.path().startsWith("/payments")).toList();
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

	/**
	 * The starter's fetcher and cache, on virtual time instead of the system's clock and
	 * ticker.
	 */
	@Configuration(proxyBeanMethods = false)
	static class VirtualTimeTokens {

		@Bean
		TokenFetcher checkoutMtlsTokenFetcher(VirtualTime time, Environment environment,
				@Qualifier("checkoutMtlsConnector") CheckoutMtlsConnector connector) {
			TokenSettings settings = new TokenSettings(
					URI.create(environment.getRequiredProperty("checkout.mtls.access-base-url") + "/connect/token"),
					CLIENT_ID, null, ClientAuthenticationMethod.TLS_CLIENT_AUTH, List.of(), Duration.ofSeconds(60),
					Duration.ofSeconds(10));
			return new ClientCredentialsTokenFetcher(settings, connector, connector::identity, time.clock(),
					Duration.ofMillis(100));
		}

		@Bean
		TokenCache checkoutMtlsTokenCache(VirtualTime time, TokenFetcher checkoutMtlsTokenFetcher) {
			return new TokenCache(checkoutMtlsTokenFetcher, time.clock(), time::nanos, Duration.ofMinutes(1),
					VirtualTimeScheduler.create(), List.of());
		}

	}

}
