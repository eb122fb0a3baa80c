package io.github.checkoutmtls.observability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.autoconfigure.CheckoutMtlsAutoConfiguration;
import io.github.checkoutmtls.reload.CheckoutMtlsReloadAutoConfiguration;
import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.reload.IdentityReloader;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorExtension;
import io.github.checkoutmtls.test.junit.SimulatorFixture;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.Pem;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CheckoutMtlsObservabilityAutoConfiguration}: health, info and metrics
 * against the simulator, with and without actuator and Micrometer on the classpath.
 */
@SuppressWarnings("unchecked")
class CheckoutMtlsObservabilityAutoConfigurationTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CheckoutMtlsAutoConfiguration.class,
				CheckoutMtlsReloadAutoConfiguration.class, CheckoutMtlsObservabilityAutoConfiguration.class,
				SslAutoConfiguration.class, WebClientAutoConfiguration.class, ObservationAutoConfiguration.class,
				MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, WebClientObservationAutoConfiguration.class));

	@RegisterExtension
	static final CheckoutMtlsSimulatorExtension checkout = SimulatorFixture.builder()
		.commonName("merchant.internal")
		.simulator((simulator) -> simulator.client("ack_observed", null))
		.perClass();

	private TestPki pki;

	private CheckoutMtlsSimulator simulator;

	@BeforeEach
	void start() {
		this.pki = checkout.pki();
		this.simulator = checkout.simulator();
		this.simulator.addPayment("pay_observed", "Authorized", 100, "EUR");
	}

	@Test
	void healthIsUpWithCertificateDetailsAndNoReloadYet() {
		run((context) -> {
			Health health = context.getBean("checkoutMtlsHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("environment", "sandbox")
				.containsEntry("authMode", "certificate")
				.containsEntry("apiHost", "localhost")
				.containsEntry("commonName", "merchant.internal")
				.containsEntry("issuer", this.pki.leaf().certificate().getIssuerX500Principal().getName())
				.containsEntry("notAfter", this.pki.leaf().certificate().getNotAfter().toInstant().toString())
				.containsEntry("expiringSoon", false)
				.containsKey("daysLeft")
				.doesNotContainKey("lastTokenFetch");
			assertThat(health.getDetails().get("lastReload"))
				.isEqualTo(Map.of("outcome", "none", "time", "never", "failures", 0L));
		});
	}

	@Test
	void healthReportsExpiringSoonInsideExpiryWarning() {
		run((context) -> assertThat(
				context.getBean("checkoutMtlsHealthIndicator", HealthIndicator.class).health().getDetails())
			.containsEntry("expiringSoon", true), "checkout.mtls.certificate.expiry-warning=3650d");
	}

	@Test
	void jwtModeHealthAndMetricsReportTheLastTokenFetch() {
		run((context) -> {
			get(context);
			Health health = context.getBean("checkoutMtlsHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getDetails()).containsEntry("authMode", "jwt");
			assertThat((Map<String, Object>) health.getDetails().get("lastTokenFetch"))
				.containsEntry("outcome", "success")
				.containsKey("time");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("checkout.mtls.token.requests").tag("outcome", "success").counter().count())
				.isOne();
			assertThat(registry.get("checkout.mtls.token.fetch").timer().count()).isOne();
		}, "checkout.mtls.auth-mode=jwt", "checkout.mtls.jwt.client-id=ack_observed",
				"checkout.mtls.access-base-url=" + this.simulator.accessBaseUrl());
	}

	@Test
	void expiryGaugeIsTaggedWithLeafAndFollowsReloads() {
		run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			CertificateAndKey leaf = this.pki.leaf();
			double seconds = registry.get("checkout.mtls.certificate.expiry")
				.tag("cn", "merchant.internal")
				.tag("serial", leaf.certificate().getSerialNumber().toString(16))
				.gauge()
				.value();
			assertThat(seconds).isCloseTo(Duration.ofDays(365).toSeconds(),
					org.assertj.core.data.Percentage.withPercentage(2));
			CertificateAndKey next = this.pki.issueLeaf("merchant.internal", KeyType.EC_P256);
			write("chain.pem", Pem.certificates(this.pki.chainFor(next)) + Pem.privateKey(next.privateKey()));
			assertThat(context.getBean(IdentityReloader.class).reload()).isTrue();
			write("chain.pem", "-----BEGIN CERTIFICATE-----\ntruncated");
			assertThat(context.getBean(IdentityReloader.class).reload()).isFalse();
			assertThat(registry.find("checkout.mtls.certificate.expiry").tag("role", "leaf").gauges()).singleElement()
				.satisfies((gauge) -> assertThat(gauge.getId().getTag("serial"))
					.isEqualTo(next.certificate().getSerialNumber().toString(16)));
			assertThat(registry.find("checkout.mtls.certificate.expiry").gauges()).hasSize(this.pki.chain().size());
			assertThat(registry.get("checkout.mtls.reloads").tag("outcome", "success").counter().count()).isOne();
			assertThat(registry.get("checkout.mtls.reloads").tag("outcome", "failure").counter().count()).isOne();
			Health health = context.getBean("checkoutMtlsHealthIndicator", HealthIndicator.class).health();
			assertThat((Map<String, Object>) health.getDetails().get("lastReload")).containsEntry("outcome", "failure")
				.containsEntry("failures", 1L);
			assertThat(context.getBean(CheckoutMtlsConnector.class).identity().thumbprint())
				.isEqualTo(next.thumbprint());
		});
	}

	@Test
	void expiryGaugesCoverTheIntermediatesAndTheRegisteredRoot() {
		String roots = "checkout.mtls.registered-roots=file:"
				+ write("checkout-roots.pem", Pem.certificates(this.pki.root().certificate()));
		run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			double rootSeconds = registry.get("checkout.mtls.certificate.expiry")
				.tag("role", "root")
				.tag("serial", this.pki.root().certificate().getSerialNumber().toString(16))
				.gauge()
				.value();
			assertThat(rootSeconds).isCloseTo(Duration.ofDays(3650).toSeconds(),
					org.assertj.core.data.Percentage.withPercentage(2));
			assertThat(registry.find("checkout.mtls.certificate.expiry").tag("role", "intermediate").gauges())
				.hasSize(this.pki.intermediates().size());
		}, roots);
	}

	@Test
	void refusedHandshakeIsCounted() {
		run((context) -> {
			assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> get(context));
			assertThat(context.getBean(MeterRegistry.class)
				.get("checkout.mtls.handshake.failures")
				.tag("rejection", "server-certificate-untrusted")
				.counter()
				.count()).isOne();
		}, "checkout.mtls.trust.certificates=file:"
				+ write("other-ca.pem", Pem.certificates(TestPki.builder().build().serverCa())));
	}

	@Test
	void httpClientRequestsObservationsKeepWorking() {
		run((context) -> {
			get(context);
			assertThat(context.getBean(MeterRegistry.class).get("http.client.requests").timer().count()).isOne();
		});
	}

	@Test
	void infoShowsCertificateSummaryWithoutSecrets() {
		run((context) -> {
			Info.Builder builder = new Info.Builder();
			context.getBean("checkoutMtlsInfoContributor", InfoContributor.class).contribute(builder);
			Map<String, Object> details = (Map<String, Object>) builder.build().getDetails().get("checkoutMtls");
			assertThat(details).containsEntry("commonName", "merchant.internal")
				.containsEntry("thumbprint", this.pki.leaf().thumbprint())
				.containsEntry("authMode", "jwt");
			assertThat(details.toString()).doesNotContain("PRIVATE").doesNotContain("s3cret");
		}, "checkout.mtls.auth-mode=jwt", "checkout.mtls.jwt.client-id=ack_observed",
				"checkout.mtls.jwt.client-secret=s3cret");
	}

	@Test
	void withoutActuatorOrMicrometerDefinesNoObservabilityBeans() {
		// What an application without actuator gets: no Micrometer auto-configuration
		// either.
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CheckoutMtlsAutoConfiguration.class,
					CheckoutMtlsReloadAutoConfiguration.class, CheckoutMtlsObservabilityAutoConfiguration.class,
					SslAutoConfiguration.class, WebClientAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(HealthIndicator.class, InfoContributor.class, MeterRegistry.class))
			.withPropertyValues(properties())
			.run((context) -> assertThat(context).hasNotFailed()
				.hasBean("checkoutWebClient")
				.doesNotHaveBean("checkoutMtlsHealthIndicator")
				.doesNotHaveBean("checkoutMtlsInfoContributor")
				.doesNotHaveBean(CheckoutMtlsMetrics.class));
	}

	@Test
	void healthIndicatorBacksOffWhenDisabledByManagementProperty() {
		run((context) -> assertThat(context).doesNotHaveBean("checkoutMtlsHealthIndicator")
			.hasBean("checkoutMtlsInfoContributor"), "management.health.checkoutmtls.enabled=false");
	}

	@Test
	void healthIndicatorBacksOffWhenHealthDefaultsAreDisabled() {
		run((context) -> assertThat(context).doesNotHaveBean("checkoutMtlsHealthIndicator"),
				"management.health.defaults.enabled=false");
	}

	@Test
	void infoContributorBacksOffWhenDisabledByManagementProperty() {
		run((context) -> assertThat(context).doesNotHaveBean("checkoutMtlsInfoContributor")
			.hasBean("checkoutMtlsHealthIndicator"), "management.info.checkoutmtls.enabled=false");
	}

	@Test
	void healthAndInfoAreOnByDefault() {
		run((context) -> assertThat(context).hasBean("checkoutMtlsHealthIndicator")
			.hasBean("checkoutMtlsInfoContributor"));
	}

	@Test
	void userHealthIndicatorReplacesTheStartersOne() {
		this.contextRunner.withPropertyValues(properties())
			.withBean("checkoutMtlsHealthIndicator", HealthIndicator.class, () -> () -> Health.unknown().build())
			.run((context) -> assertThat(
					context.getBean("checkoutMtlsHealthIndicator", HealthIndicator.class).health().getStatus())
				.isEqualTo(Status.UNKNOWN));
	}

	private void run(java.util.function.Consumer<AssertableApplicationContext> consumer, String... extraProperties) {
		this.contextRunner.withPropertyValues(properties()).withPropertyValues(extraProperties).run((context) -> {
			assertThat(context).hasNotFailed();
			consumer.accept(context);
		});
	}

	private String[] properties() {
		CertificateAndKey leaf = this.pki.leaf();
		Path material = write("chain.pem",
				Pem.certificates(this.pki.chainFor(leaf)) + Pem.privateKey(leaf.privateKey()));
		Path trust = write("simulator-ca.pem", this.simulator.serverCaPem());
		return new String[] { "checkout.mtls.pem.certificate=file:" + material,
				"checkout.mtls.pem.private-key=file:" + material,
				"checkout.mtls.api-base-url=" + this.simulator.apiBaseUrl(),
				"checkout.mtls.trust.certificates=file:" + trust };
	}

	private Path write(String name, String content) {
		try {
			return Files.writeString(this.directory.resolve(name), content);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static void get(AssertableApplicationContext context) {
		context.getBean("checkoutWebClient", WebClient.class)
			.get()
			.uri("/payments/pay_observed")
			.retrieve()
			.toBodilessEntity()
			.block(Duration.ofSeconds(20));
	}

}
