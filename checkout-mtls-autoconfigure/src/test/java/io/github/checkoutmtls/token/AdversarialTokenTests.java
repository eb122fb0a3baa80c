package io.github.checkoutmtls.token;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest.AuthMode;
import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.connector.TestConnectors;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorExtension;
import io.github.checkoutmtls.test.junit.SimulatorFixture;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;
import io.github.checkoutmtls.token.TokenFetcher.TokenSettings;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Adversarial tests of the token package: claims of tokens the client cannot read,
 * cancellation of waiters, and what records show.
 */
class AdversarialTokenTests {

	@RegisterExtension
	static final CheckoutMtlsSimulatorExtension checkout = SimulatorFixture.builder()
		.commonName("merchant.internal")
		.authMode(AuthMode.JWT, "ack_adversarial")
		.simulator((simulator) -> simulator.tokenLifetime(Duration.ofMinutes(5)).requireToken(false))
		.perClass();

	private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

	private static final TestPki pki = TestPki.builder().build();

	private final ClientIdentity identity = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");

	private final VirtualTime time = new VirtualTime();

	private CheckoutMtlsConnector connector;

	private ClientIdentity simulatorIdentity;

	@BeforeEach
	void connect() {
		TestPki simulatorPki = checkout.pki();
		this.simulatorIdentity = ClientIdentity.of(simulatorPki.chain(), simulatorPki.leaf().privateKey(), "test=pki");
		this.connector = TestConnectors.presenting(this.simulatorIdentity, Duration.ofSeconds(10),
				List.of(checkout.simulator().serverCa()));
	}

	@AfterEach
	void destroy() {
		checkout.simulator().stubs().clear();
		this.connector.destroy();
	}

	// An encrypted JWT (JWE compact serialization, five parts): opaque to the client,
	// which holds no key to decrypt it. RFC 6749 1.4: access tokens are opaque to
	// clients.
	static String encryptedJwt() {
		Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
		String header = b64.encodeToString(
				"{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
		return header + "." + b64.encodeToString(new byte[256]) + "." + b64.encodeToString(new byte[12]) + "."
				+ b64.encodeToString("ciphertext-of-the-claims".getBytes(StandardCharsets.UTF_8)) + "."
				+ b64.encodeToString(new byte[16]);
	}

	@Test
	void claimsOfAnEncryptedAccessTokenAreNoneLikeThoseOfAnyOpaqueToken() {
		// TokenClaims: "Reads the claims of a token; an opaque (non-JWT) token has none."
		String jwe = encryptedJwt();
		assertThatNoException().isThrownBy(() -> TokenClaims.of(jwe));
		TokenClaims claims = TokenClaims.of(jwe);
		assertThat(claims.expiresAt()).isNull();
		assertThat(claims.boundThumbprint()).isNull();
	}

	@Test
	void fetchOfAnEncryptedAccessTokenWithExpiresInGivesThatToken() {
		checkout.simulator()
			.stubs()
			.on("POST", "/encrypted-token")
			.respond(200,
					"{\"access_token\":\"" + encryptedJwt() + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
		AccessToken token = fetchFrom("/encrypted-token");
		assertThat(token.value()).isEqualTo(encryptedJwt());
		assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
	}

	@Test
	void cancellingEveryWaiterDoesNotCancelTheSharedFetch() {
		AtomicBoolean cancelled = new AtomicBoolean();
		ControlledFetcher controlled = new ControlledFetcher();
		TokenCache cache = new TokenCache((owner) -> controlled.fetch(owner).doOnCancel(() -> cancelled.set(true)),
				this.time.clock(), this.time::nanos, Duration.ofMinutes(1), null, List.of());
		List<Disposable> waiters = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			waiters.add(cache.token(this.identity).subscribe());
		}
		waiters.forEach(Disposable::dispose);
		assertThat(cancelled).isFalse();
		AtomicInteger got = new AtomicInteger();
		cache.token(this.identity).subscribe((token) -> got.incrementAndGet());
		controlled
			.complete(this.time.token("t1", this.identity.thumbprint(), Duration.ofMinutes(5), Duration.ofMinutes(4)));
		assertThat(got).hasValue(1);
		assertThat(controlled.calls()).isEqualTo(1);
		assertThat(cache.cached().value()).isEqualTo("t1");
	}

	@Test
	void cachedTokenAndFlightDoNotShowTheTokenValue() {
		AccessToken token = this.time.token("secret-token-value", this.identity.thumbprint(), Duration.ofMinutes(5),
				Duration.ofMinutes(4));
		TokenFlight flight = TokenFlight.start(this.identity, 1, 0);
		flight.result().tryEmitValue(token);
		CachedToken cached = CachedToken.of(token, flight, 0, this.time.clock().instant());
		assertThat(cached.toString()).doesNotContain("secret-token-value");
		assertThat(flight.toString()).doesNotContain("secret-token-value");
		assertThat(token.toString()).doesNotContain("secret-token-value");
	}

	@Test
	void waiterOfAFetchForACertificateSwappedMeanwhileGetsTheTokenOfItsOwnIdentityOnly() {
		ControlledFetcher controlled = new ControlledFetcher();
		TokenCache cache = new TokenCache(controlled, this.time.clock(), this.time::nanos, Duration.ofMinutes(1), null,
				List.of());
		Mono<AccessToken> forOld = cache.token(this.identity);
		cache.clear();
		ClientIdentity rotated = ClientIdentity.of(
				pki.chainFor(pki.issueLeaf("rotated", io.github.checkoutmtls.test.pki.KeyType.EC_P256)),
				pki.leaf().privateKey(), "test=rotated");
		controlled
			.complete(this.time.token("old", this.identity.thumbprint(), Duration.ofMinutes(5), Duration.ofMinutes(4)));
		assertThat(forOld.block(Duration.ofSeconds(1)).isFor(this.identity)).isTrue();
		Mono<AccessToken> forNew = cache.token(rotated);
		assertThat(controlled.calls()).as("the old identity's token is not used for the new one").isEqualTo(2);
		controlled.complete(this.time.token("new", rotated.thumbprint(), Duration.ofMinutes(5), Duration.ofMinutes(4)));
		assertThat(forNew.block(Duration.ofSeconds(1)).value()).isEqualTo("new");
	}

	// README: "A response without expires_in takes the JWT's exp; with neither, the token
	// lives 5 minutes". This response has an expires_in, of one second, which Spring
	// Security alone cannot tell from none.
	@Test
	void fetchOfAnOpaqueTokenWithExpiresInOneSecondExpiresAfterOneSecond() {
		checkout.simulator()
			.stubs()
			.on("POST", "/short-token")
			.respond(200, "{\"access_token\":\"opaque-token-value\",\"token_type\":\"Bearer\",\"expires_in\":1}");
		AccessToken token = fetchFrom("/short-token");
		assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(1));
	}

	// A fetch from a stubbed token endpoint of the simulator, on a fixed clock.
	private AccessToken fetchFrom(String path) {
		TokenSettings settings = new TokenSettings(URI.create(checkout.simulator().apiBaseUrl() + path),
				"ack_adversarial", null, ClientAuthenticationMethod.TLS_CLIENT_AUTH, List.of(), Duration.ofSeconds(60),
				Duration.ofSeconds(5));
		AtomicLong ticker = new AtomicLong(1_000_000_000_000L);
		ClientCredentialsTokenFetcher fetcher = new ClientCredentialsTokenFetcher(settings, WebClient.builder(),
				this.connector, () -> this.simulatorIdentity, Clock.fixed(NOW, ZoneOffset.UTC), ticker::get,
				(failure) -> {
				}, Duration.ofMillis(10));
		return fetcher.fetch(this.simulatorIdentity).block(Duration.ofSeconds(10));
	}

}
