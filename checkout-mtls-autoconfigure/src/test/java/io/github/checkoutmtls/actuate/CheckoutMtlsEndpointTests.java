package io.github.checkoutmtls.actuate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import io.github.checkoutmtls.autoconfigure.CheckoutMtlsAutoConfiguration;
import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.doctor.Doctor;
import io.github.checkoutmtls.identity.CertificateChecks;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.pki.Pem;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.pki.TestPkiFiles;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CheckoutMtlsEndpoint}.
 */
class CheckoutMtlsEndpointTests {

	@TempDir
	Path directory;

	private final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	@Test
	void reportDescribesTheCurrentIdentity() {
		CheckoutMtlsConnector connector = connector(this.pki);
		try {
			DoctorReportDescriptor report = endpoint(connector, "merchant.internal").report();
			assertThat(report.status()).isEqualTo("PASS");
			assertThat(report.commonName()).isEqualTo("merchant.internal");
			assertThat(report.certificates()).hasSize(2);
			assertThat(report.checks()).extracting(DoctorReportDescriptor.Check::status).containsOnly("PASS");
			assertThat(report.roots().status()).isEqualTo("NOT_FOUND");
			assertThat(report.connection()).isNull();
		}
		finally {
			connector.destroy();
		}
	}

	@Test
	void reportFollowsASwappedIdentity() {
		CheckoutMtlsConnector connector = connector(this.pki);
		try {
			TestPki renewed = TestPki.builder().commonName("renewed.internal").build();
			connector.swap(ClientIdentity.of(renewed.chain(), renewed.leaf().privateKey(), "test=renewed"));
			DoctorReportDescriptor report = endpoint(connector, "merchant.internal").report();
			assertThat(report.commonName()).isEqualTo("renewed.internal");
			assertThat(report.status()).isEqualTo("FAIL");
			assertThat(report.checks()).filteredOn((check) -> check.status().equals("FAIL"))
				.singleElement()
				.satisfies((check) -> assertThat(check.property()).isEqualTo("checkout.mtls.expected-common-name"));
		}
		finally {
			connector.destroy();
		}
	}

	@Test
	void reportAsJsonHoldsNoKeyMaterial() {
		TestPkiFiles files = this.pki.writeTo(this.directory);
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CheckoutMtlsAutoConfiguration.class,
					CheckoutMtlsActuatorAutoConfiguration.class, SslAutoConfiguration.class,
					WebClientAutoConfiguration.class))
			.withPropertyValues("checkout.mtls.keystore.location=file:" + files.pkcs12(),
					"checkout.mtls.keystore.password=" + files.pkcs12Password(),
					"management.endpoints.web.exposure.include=checkoutmtls")
			.run((context) -> {
				String json = JsonMapper.builder()
					.build()
					.writeValueAsString(context.getBean(CheckoutMtlsEndpoint.class).report());
				assertThat(json).contains("\"commonName\":\"merchant.internal\"")
					.contains("\"sha256Fingerprint\"")
					.contains("\"check\":\"chain-complete\"")
					.doesNotContain("PRIVATE KEY")
					.doesNotContain(Base64.getEncoder().encodeToString(this.pki.leaf().privateKey().getEncoded()))
					.doesNotContain(Pem.privateKey(this.pki.leaf().privateKey()).lines().skip(1).findFirst().get())
					.doesNotContain(files.pkcs12Password());
			});
	}

	private static CheckoutMtlsEndpoint endpoint(CheckoutMtlsConnector connector, String expectedCommonName) {
		return new CheckoutMtlsEndpoint(connector, new Doctor(
				new CertificateChecks(expectedCommonName, Duration.ofDays(30), Clock.systemUTC()), Clock.systemUTC()));
	}

	private static CheckoutMtlsConnector connector(TestPki pki) {
		return CheckoutMtlsConnector.forOneCheck(ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=memory"),
				java.util.List.of(), Duration.ofSeconds(5), Duration.ofSeconds(5));
	}

}
