package io.github.checkoutmtls.observability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.reload.IdentityReloader.ReloadStatus;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.token.TokenCache.TokenFetch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CheckoutMtlsHealthIndicator}.
 */
@SuppressWarnings("unchecked")
class CheckoutMtlsHealthIndicatorTests {

	private final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	private final ClientIdentity identity = ClientIdentity.of(this.pki.chain(), this.pki.leaf().privateKey(), "test=a");

	private final ClientSummary summary = new ClientSummary("production", "jwt", "mtls.api.checkout.com");

	@Test
	void healthWhenTheConnectionPoolCouldNotBeBuiltIsDownWithTheFailure() {
		Health health = indicator(this.identity, this.identity.notAfter().minus(Duration.ofDays(90)), null,
				new IllegalStateException("native library failed to load"))
			.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).hasEntrySatisfying("connectionPool",
				(value) -> assertThat(value.toString()).contains("native library failed to load"));
	}

	@Test
	void healthWithoutPoolFailureOfAValidLeafIsUp() {
		Health health = indicator(this.identity, this.identity.notAfter().minus(Duration.ofDays(90)), null, null)
			.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).doesNotContainKey("connectionPool");
	}

	@Test
	void healthWhenLeafHasExpiredIsDown() {
		Health health = indicator(this.identity.notAfter().plusSeconds(1), null).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("daysLeft", 0L).containsEntry("expiringSoon", true);
	}

	@Test
	void healthWhenLeafIsValidIsUpWithLastTokenFetch() {
		Instant fetched = Instant.parse("2026-01-01T00:00:00Z");
		Health health = indicator(this.identity.notAfter().minus(Duration.ofDays(100)),
				new TokenFetch(fetched, false, this.identity.thumbprint(), "HTTP 503"))
			.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("daysLeft", 100L)
			.containsEntry("expiringSoon", false)
			.containsEntry("environment", "production")
			.containsEntry("apiHost", "mtls.api.checkout.com");
		assertThat(health.getDetails().get("lastTokenFetch").toString()).contains("outcome=failure")
			.contains("time=" + fetched)
			.contains("HTTP 503");
	}

	@Test
	void healthWhenIntermediateExpiresBeforeTheLeafReportsItAsExpiringSoon() {
		Instant now = Instant.now();
		TestPki shortIntermediate = TestPki.builder()
			.intermediateValidity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)))
			.build();
		ClientIdentity identity = ClientIdentity.of(shortIntermediate.chain(), shortIntermediate.leaf().privateKey(),
				"test=a");
		Health health = indicator(identity, now, null).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("expiringSoon", true);
		assertThat((Map<String, Object>) health.getDetails().get("firstToExpire"))
			.containsEntry("subject", shortIntermediate.intermediates().get(0).subject())
			.containsEntry("daysLeft", 9L);
	}

	@Test
	void healthWhenIntermediateHasExpiredIsDown() {
		Instant now = Instant.now();
		TestPki shortIntermediate = TestPki.builder()
			.intermediateValidity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)))
			.build();
		ClientIdentity identity = ClientIdentity.of(shortIntermediate.chain(), shortIntermediate.leaf().privateKey(),
				"test=a");
		assertThat(indicator(identity, now.plus(Duration.ofDays(11)), null).health().getStatus())
			.isEqualTo(Status.DOWN);
	}

	private CheckoutMtlsHealthIndicator indicator(Instant now, TokenFetch lastFetch) {
		return indicator(this.identity, now, lastFetch);
	}

	private CheckoutMtlsHealthIndicator indicator(ClientIdentity identity, Instant now, TokenFetch lastFetch) {
		return indicator(identity, now, lastFetch, null);
	}

	private CheckoutMtlsHealthIndicator indicator(ClientIdentity identity, Instant now, TokenFetch lastFetch,
			Throwable poolFailure) {
		return new CheckoutMtlsHealthIndicator(this.summary, () -> identity, ReloadStatus::none, () -> lastFetch,
				() -> poolFailure, Duration.ofDays(30), Clock.fixed(now, ZoneOffset.UTC));
	}

}
