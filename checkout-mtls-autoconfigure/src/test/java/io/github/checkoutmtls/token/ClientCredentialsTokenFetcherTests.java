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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.connector.TestConnectors;
import io.github.checkoutmtls.diagnostics.CheckoutMtlsHandshakeException;
import io.github.checkoutmtls.diagnostics.HandshakeFailureListener;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorExtension;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest.AuthMode;
import io.github.checkoutmtls.test.junit.SimulatorFixture;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
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

	private final AtomicLong ticker = new AtomicLong();

	private final List<CheckoutMtlsHandshakeException> rejections = new CopyOnWriteArrayList<>();

	private CheckoutMtlsSimulator simulator;

	private CheckoutMtlsConnector connector;

	@BeforeEach
	void start() {
		TestPki pki = checkout.pki();
		this.identity = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");
		this.simulator = checkout.simulator();
		this.connector = TestConnectors.presenting(this.identity, Duration.ofSeconds(10),
				List.of(this.simulator.serverCa()));
	}

	@AfterEach
	void stop() {
		this.connector.destroy();
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

	private ClientCredentialsTokenFetcher fetcher(WebClient.Builder builder, ClientHttpConnector connector) {
		TokenSettings settings = new TokenSettings(URI.create(this.simulator.tokenUrl()), "ack_fetcher", null,
				ClientAuthenticationMethod.TLS_CLIENT_AUTH, List.of(), Duration.ofSeconds(60), Duration.ofSeconds(5));
		HandshakeFailureListener listener = this.rejections::add;
		return new ClientCredentialsTokenFetcher(settings, builder, connector, () -> this.identity,
				Clock.fixed(this.now, ZoneOffset.UTC), this.ticker::get, listener, Duration.ofMillis(10));
	}

}
