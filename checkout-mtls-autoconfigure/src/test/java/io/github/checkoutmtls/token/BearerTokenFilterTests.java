package io.github.checkoutmtls.token;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.connector.ConnectorSettings;
import io.github.checkoutmtls.connector.ReactorNettyConnectorFactory;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.IssuedToken;
import io.github.checkoutmtls.test.simulator.RecordedExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BearerTokenFilter} when a certificate swap overtakes a request: between reading the
 * identity and sending the token request, or the API request.
 */
class BearerTokenFilterTests {

	private final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	private final ClientIdentity first = identity(this.pki.leaf());

	private final ClientIdentity second = identity(this.pki.issueLeaf("merchant.internal", KeyType.EC_P256));

	private CheckoutMtlsSimulator simulator;

	private CheckoutMtlsConnector connector;

	private TokenCache tokens;

	private final AtomicBoolean stale = new AtomicBoolean();

	private WebClient client;

	@BeforeEach
	void start() {
		this.simulator = CheckoutMtlsSimulator.builder()
			.trustedRoots(this.pki.root().certificate())
			.client("ack_filter", null)
			.requireToken(true)
			.start();
		this.simulator.addPayment("pay_filter", "Authorized", 100, "EUR");
		this.connector = new CheckoutMtlsConnector(this.first,
				new ReactorNettyConnectorFactory(new ConnectorSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), 4,
						Duration.ofSeconds(30), Duration.ofMinutes(1), List.of(this.simulator.serverCa()))));
		TokenSettings settings = new TokenSettings(URI.create(this.simulator.tokenUrl()), "ack_filter", null,
				ClientAuthenticationMethod.TLS_CLIENT_AUTH, List.of(), Duration.ofSeconds(60), Duration.ofSeconds(10));
		this.tokens = new TokenCache(new ClientCredentialsTokenFetcher(settings, this.connector,
				this.connector::identity, Clock.systemUTC()), Clock.systemUTC());
		// Returns the identity read just before a swap once, as a request racing the swap would see it.
		Supplier<ClientIdentity> identity = () -> this.stale.getAndSet(false) ? this.first : this.connector.identity();
		URI api = URI.create(this.simulator.apiBaseUrl());
		this.client = WebClient.builder()
			.baseUrl(api.toString())
			.clientConnector(this.connector)
			.filter(new BearerTokenFilter(api, identity, this.tokens))
			.build();
	}

	@AfterEach
	void stop() {
		this.connector.destroy();
		this.simulator.close();
	}

	@Test
	void swapBeforeTokenRequestFetchesTokenOverNewCertificateOnly() {
		this.connector.swap(this.second);
		this.stale.set(true);
		assertThat(get()).isEqualTo(200);
		assertThat(this.simulator.issuedTokens()).singleElement()
			.satisfies((token) -> assertThat(token.thumbprint()).isEqualTo(this.second.thumbprint()));
		assertEveryTokenWentOverTheLeafItIsBoundTo();
	}

	@Test
	void swapAfterTokenWasCachedNeverSendsItOverNewCertificate() {
		assertThat(get()).isEqualTo(200);
		this.connector.swap(this.second);
		this.stale.set(true);
		assertThat(get()).isEqualTo(200);
		assertThat(this.simulator.issuedTokens()).extracting(IssuedToken::thumbprint)
			.containsExactly(this.first.thumbprint(), this.second.thumbprint());
		assertThat(this.simulator.exchanges().stream().filter((exchange) -> exchange.path().startsWith("/payments")))
			.extracting(RecordedExchange::status)
			.containsExactly(200, 200);
		assertEveryTokenWentOverTheLeafItIsBoundTo();
	}

	private void assertEveryTokenWentOverTheLeafItIsBoundTo() {
		Map<String, String> boundTo = this.simulator.issuedTokens()
			.stream()
			.collect(Collectors.toMap(IssuedToken::token, IssuedToken::thumbprint));
		assertThat(this.simulator.exchanges()).filteredOn((exchange) -> exchange.bearerToken() != null)
			.isNotEmpty()
			.allSatisfy((exchange) -> assertThat(boundTo.get(exchange.bearerToken()))
				.isEqualTo(exchange.leafThumbprint()));
	}

	private int get() {
		return this.client.get()
			.uri("/payments/pay_filter")
			.retrieve()
			.toBodilessEntity()
			.block(Duration.ofSeconds(20))
			.getStatusCode()
			.value();
	}

	private ClientIdentity identity(CertificateAndKey leaf) {
		return ClientIdentity.of(this.pki.chainFor(leaf), leaf.privateKey(), "test=" + leaf.thumbprint());
	}

}
