package io.github.checkoutmtls.observability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.reload.IdentityReloader.ReloadStatus;
import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;

class AdversarialObservabilityTests {

	private final ClientSummary summary = new ClientSummary("production", "certificate", "mtls.api.checkout.com");

	@Test
	void healthIsNotUpWhileTheLeafIsNotYetValid() {
		Instant now = Instant.now();
		TestPki pki = TestPki.builder()
			.leafValidity(now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(200)))
			.build();
		ClientIdentity identity = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=a");
		Health health = new CheckoutMtlsHealthIndicator(this.summary, () -> identity, ReloadStatus::none, null,
				() -> null, Duration.ofDays(30), Clock.fixed(now, ZoneOffset.UTC))
			.health();
		assertThat(health.getStatus()).isNotEqualTo(Status.UP);
	}

	@Test
	void reloadWithSameCertificateKeepsExactlyOneGaugePerCertificate() {
		TestPki pki = TestPki.builder().build();
		ClientIdentity identity = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=a");
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		CheckoutMtlsMetrics metrics = new CheckoutMtlsMetrics(registry, identity, Clock.systemUTC());
		int before = registry.find(CheckoutMtlsMetrics.EXPIRY).gauges().size();
		metrics.identityReloaded(identity, identity);
		TestPki other = TestPki.builder().build();
		ClientIdentity next = ClientIdentity.of(other.chain(), other.leaf().privateKey(), "test=b");
		metrics.identityReloaded(identity, next);
		assertThat(registry.find(CheckoutMtlsMetrics.EXPIRY).gauges()).hasSize(before);
		assertThat(registry.find(CheckoutMtlsMetrics.EXPIRY).gauges())
			.allSatisfy((g) -> assertThat(g.value()).isPositive());
	}

}
