package io.github.checkoutmtls.token;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.reactive.function.UnsupportedMediaTypeException;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.connector.TestConnectors;
import io.github.checkoutmtls.diagnostics.CheckoutMtlsHandshakeException;
import io.github.checkoutmtls.diagnostics.HandshakeFailureListener;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorExtension;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest.AuthMode;
import io.github.checkoutmtls.test.junit.SimulatorFixture;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulatorBuilder;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;
import io.github.checkoutmtls.token.TokenFetcher.TokenSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ClientCredentialsTokenFetcher} against the simulator's access host.
 */
class ClientCredentialsTokenFetcherTests {

	private static final Duration LIFETIME = Duration.ofMinutes(5);

	@RegisterExtension
	static final CheckoutMtlsSimulatorExtension checkout = SimulatorFixture.builder()
		.commonName("merchant.internal")
		.authMode(AuthMode.JWT, "ack_fetcher")
		.simulator((simulator) -> simulator.tokenLifetime(LIFETIME))
		.perClass();

	private ClientIdentity identity;

	private final Instant now = Instant.parse("2026-11-24T10:00:00Z");

	// Not zero, so that a reading and a difference of readings cannot be mistaken for
	// each other.
	private final AtomicLong ticker = new AtomicLong(1_000_000_000_000L);

	private final List<CheckoutMtlsHandshakeException> rejections = new CopyOnWriteArrayList<>();

	private CheckoutMtlsSimulator simulator;

	private CheckoutMtlsConnector connector;

	private @Nullable SimulatorFixture own;

	@BeforeEach
	void start() {
		TestPki pki = checkout.pki();
		this.identity = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");
		this.simulator = checkout.simulator();
		this.connector = TestConnectors.presenting(this.identity, Duration.ofSeconds(10),
				List.of(this.simulator.serverCa()));
	}

	// A simulator of its own, on the class's PKI, for a test that needs other settings.
	private void start(Consumer<CheckoutMtlsSimulatorBuilder> customizer) {
		stop();
		this.own = SimulatorFixture.builder()
			.pki(checkout.pki())
			.commonName("merchant.internal")
			.authMode(AuthMode.JWT, "ack_fetcher")
			.simulator((simulator) -> customizer.accept(simulator.tokenLifetime(LIFETIME)))
			.start();
		this.simulator = this.own.simulator();
		this.connector = TestConnectors.presenting(this.identity, Duration.ofSeconds(10),
				List.of(this.simulator.serverCa()));
	}

	@AfterEach
	void stop() {
		if (this.connector != null) {
			this.connector.destroy();
			this.connector = null;
		}
		if (this.own != null) {
			this.own.close();
			this.own = null;
		}
	}

	@Test
	void fetchWhenTokenCallIsResetRetriesItAndReportsNoRejection() {
		AtomicInteger connects = new AtomicInteger();
		ClientHttpConnector resettingFirst = (method, uri, callback) -> (connects.incrementAndGet() == 1)
				? Mono.error(new IOException("Connection reset by peer"))
				: this.connector.connect(method, uri, callback);
		AccessToken token = fetcher(WebClient.builder(), resettingFirst).fetch(this.identity)
			.block(Duration.ofSeconds(10));
		assertThat(token.thumbprint()).isEqualTo(this.identity.thumbprint());
		assertThat(connects).hasValue(2);
		assertThat(this.rejections).as("a reset on the token call is not a certificate rejection").isEmpty();
	}

	@Test
	void fetchWhenEveryTokenCallIsResetFailsAsUnavailableAfterBoundedRetries() {
		AtomicInteger connects = new AtomicInteger();
		ClientHttpConnector resetting = (method, uri, callback) -> {
			connects.incrementAndGet();
			return Mono.error(new IOException("Connection reset by peer"));
		};
		assertThatExceptionOfType(TokenEndpointUnavailableException.class)
			.isThrownBy(
					() -> fetcher(WebClient.builder(), resetting).fetch(this.identity).block(Duration.ofSeconds(10)))
			.withMessageContaining("3 attempt(s)")
			.withMessageContaining("Connection reset by peer");
		assertThat(connects).hasValue(3);
		assertThat(this.rejections).isEmpty();
	}

	@Test
	void fetchCountsTheLifetimeFromWhenTheRequestWasSent() {
		Duration answerDelay = Duration.ofSeconds(30);
		ClientHttpConnector slowAnswer = (method, uri, callback) -> this.connector.connect(method, uri, callback)
			.doOnNext((response) -> this.ticker.addAndGet(answerDelay.toNanos()));
		AccessToken token = fetcher(WebClient.builder(), slowAnswer).fetch(this.identity).block(Duration.ofSeconds(10));
		assertThat(token.expiresAt()).isEqualTo(this.now.minus(answerDelay).plus(LIFETIME));
		assertThat(token.refreshAt()).as("checkout.mtls.jwt.refresh-before-expiry, 60 s")
			.isEqualTo(token.expiresAt().minusSeconds(60));
	}

	@Test
	void fetchWhenRefreshBeforeExpiryExceedsHalfTheLifetimeRefreshesAtHalfTheLifetime() {
		start((builder) -> builder.tokenLifetime(Duration.ofSeconds(100)));
		AccessToken token = fetcher(WebClient.builder(), this.connector).fetch(this.identity)
			.block(Duration.ofSeconds(10));
		assertThat(token.expiresAt()).isEqualTo(this.now.plusSeconds(100));
		assertThat(token.refreshAt()).isEqualTo(this.now.plusSeconds(50));
	}

	@Test
	void fetchWhenExpiresInIsMissingUsesTheExpiryOfTheJwt() {
		start((builder) -> builder.omitExpiresIn(true)
			.tokenLifetime(Duration.ofMinutes(10))
			.clock(Clock.fixed(this.now, ZoneOffset.UTC)));
		AccessToken token = fetcher(WebClient.builder(), this.connector).fetch(this.identity)
			.block(Duration.ofSeconds(10));
		assertThat(token.expiresAt()).isEqualTo(this.now.plus(Duration.ofMinutes(10)));
	}

	@Test
	void fetchWhenExpiresInIsOneSecondTakesItThoughSpringSecuritySetsOneSecondForAMissingOneToo() {
		// The JWT's exp an hour later than expires_in says: expires_in, given, is taken.
		Instant issuedAt = this.now.plus(Duration.ofHours(1));
		start((builder) -> builder.tokenLifetime(Duration.ofSeconds(1)).clock(Clock.fixed(issuedAt, ZoneOffset.UTC)));
		AccessToken token = fetcher(WebClient.builder(), this.connector).fetch(this.identity)
			.block(Duration.ofSeconds(10));
		assertThat(token.expiresAt()).isEqualTo(this.now.plusSeconds(1));
	}

	@Test
	void fetchWhenAccessHostAnswers500RetriesItAsUnavailable() {
		this.simulator.tokenFaults().failNext(1, 500);
		AccessToken token = fetcher(WebClient.builder(), this.connector).fetch(this.identity)
			.block(Duration.ofSeconds(10));
		assertThat(token.thumbprint()).isEqualTo(this.identity.thumbprint());
		assertThat(this.simulator.tokenRequests()).isEqualTo(2);
	}

	@Test
	void fetchWhenAccessHostAnswers400WithoutBodyFailsNamingTheStatusWithoutRetrying() {
		this.simulator.tokenFaults().failNext(1, 400);
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(
				() -> fetcher(WebClient.builder(), this.connector).fetch(this.identity).block(Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.getError()).isEqualTo("HTTP 400"))
			.withMessageContaining("no OAuth 2.0 error in the response");
		assertThat(this.simulator.tokenRequests()).isEqualTo(1);
	}

	@Test
	void fetchWhenClientIsRefusedFailsWithTheOAuthErrorWithoutRetrying() {
		this.simulator.tokenFaults().errorNext(1, "invalid_client");
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(
				() -> fetcher(WebClient.builder(), this.connector).fetch(this.identity).block(Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.getError()).isEqualTo("invalid_client"))
			.withMessageContaining("injected fault");
		assertThat(this.simulator.tokenRequests()).isEqualTo(1);
	}

	@Test
	void fetchWhenErrorAnswerIsAnHtmlPageFailsNamingTheStatus() {
		// The access host's token endpoint always answers JSON: a proxy's page is stubbed
		// on the API host, which asks no token of it.
		start((simulator) -> simulator.requireToken(false));
		this.simulator.stubs().on("POST", "/proxied-token").header("Content-Type", "text/html").respond(403);
		assertThatExceptionOfType(TokenRequestException.class)
			.isThrownBy(() -> fetcher(URI.create(this.simulator.apiBaseUrl() + "/proxied-token")).fetch(this.identity)
				.block(Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.getError()).isEqualTo("HTTP 403"));
	}

	@Test
	void fetchWhenTokenAnswerIsNotJsonFailsNamingTheContentTypesTheClientReads() {
		start((simulator) -> simulator.requireToken(false));
		this.simulator.stubs().on("POST", "/proxied-token").header("Content-Type", "text/html").respond(200);
		assertThatExceptionOfType(TokenRequestException.class)
			.isThrownBy(() -> fetcher(URI.create(this.simulator.apiBaseUrl() + "/proxied-token")).fetch(this.identity)
				.block(Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.getError()).isEqualTo("invalid_token_response"))
			.havingRootCause()
			.isInstanceOfSatisfying(UnsupportedMediaTypeException.class,
					(ex) -> assertThat(ex.getSupportedMediaTypes()).contains(MediaType.APPLICATION_JSON));
	}

	@Test
	void fetchWhenTokenIsBoundToAnotherLeafThanTheOneAskedForFailsWithoutRetrying() {
		ClientIdentity rotated = ClientIdentity.of(
				checkout.pki().chainFor(checkout.pki().issueLeaf("rotated", KeyType.EC_P256)),
				checkout.pki().leaf().privateKey(), "test=rotated");
		ClientHttpConnector presentingTheOldLeaf = (method, uri, callback) -> this.connector
			.connect(method, uri, callback)
			.contextWrite(CheckoutMtlsConnector.presenting(this.identity));
		assertThatExceptionOfType(TokenBindingException.class).isThrownBy(
				() -> fetcher(WebClient.builder(), presentingTheOldLeaf).fetch(rotated).block(Duration.ofSeconds(10)));
		assertThat(this.simulator.tokenRequests()).isEqualTo(1);
	}

	@Test
	void fetchGoesThroughTheApplicationsBuilderSoTokenCallsAreObserved() {
		MeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		WebClient.Builder application = WebClient.builder().observationRegistry(observations);
		fetcher(application, this.connector).fetch(this.identity).block(Duration.ofSeconds(10));
		assertThat(meters.find("http.client.requests").tag("method", "POST").timer())
			.satisfies((timer) -> assertThat(timer.count()).isEqualTo(1));
	}

	@Test
	void fetchLeavesTheApplicationsBuilderUnchanged() {
		List<Object> filters = new CopyOnWriteArrayList<>();
		WebClient.Builder application = WebClient.builder();
		fetcher(application, this.connector);
		application.filters(filters::addAll).build();
		assertThat(filters).isEmpty();
	}

	private ClientCredentialsTokenFetcher fetcher(URI tokenUri) {
		return fetcher(tokenUri, WebClient.builder(), this.connector);
	}

	private ClientCredentialsTokenFetcher fetcher(WebClient.Builder builder, ClientHttpConnector connector) {
		return fetcher(URI.create(this.simulator.tokenUrl()), builder, connector);
	}

	private ClientCredentialsTokenFetcher fetcher(URI tokenUri, WebClient.Builder builder,
			ClientHttpConnector connector) {
		TokenSettings settings = new TokenSettings(tokenUri, "ack_fetcher", null,
				ClientAuthenticationMethod.TLS_CLIENT_AUTH, List.of(), Duration.ofSeconds(60), Duration.ofSeconds(5));
		HandshakeFailureListener listener = this.rejections::add;
		return new ClientCredentialsTokenFetcher(settings, builder, connector, () -> this.identity,
				Clock.fixed(this.now, ZoneOffset.UTC), this.ticker::get, listener, Duration.ofMillis(10));
	}

}
