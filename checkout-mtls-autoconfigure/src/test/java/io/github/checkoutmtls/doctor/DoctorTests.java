package io.github.checkoutmtls.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;

import io.github.checkoutmtls.identity.CertificateChecks;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.identity.Finding;
import io.github.checkoutmtls.test.pki.Pem;
import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Doctor}: reports on identities made by the test PKI, as the actuator
 * endpoint asks.
 */
class DoctorTests {

	@TempDir
	Path directory;

	private final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	private final CertificateChecks checks = new CertificateChecks(null, Duration.ofDays(30), Clock.systemUTC());

	@Test
	void examineReportsTheRootsOfTheChainWithoutConnecting() {
		DoctorReport report = new Doctor(this.checks, Clock.systemUTC()).examine(identity(this.pki.chain()));
		assertThat(report.connection()).isNull();
		assertThat(report.roots().status()).isEqualTo(RootCertificates.Status.NOT_FOUND);
		assertThat(report.thumbprint()).isEqualTo(this.pki.leaf().thumbprint());
	}

	@Test
	void examineWithRegisteredRootsReportsTheRootTheChainBuildsTo() throws IOException {
		Path roots = Files.writeString(this.directory.resolve("checkout-roots.pem"),
				Pem.certificates(this.pki.root().certificate()));
		CertificateChecks registered = this.checks.withRegisteredRoots(new DefaultResourceLoader(), "file:" + roots);
		DoctorReport report = new Doctor(registered, Clock.systemUTC()).examine(identity(this.pki.chain()));
		assertThat(report.passed()).isTrue();
		assertThat(report.roots().certificates()).containsExactly(this.pki.root().certificate());
		assertThat(report.findings()).filteredOn((finding) -> finding.check().equals("registered-root"))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.status()).isEqualTo(Finding.Status.PASS));
	}

	private ClientIdentity identity(List<X509Certificate> chain) {
		return ClientIdentity.of(chain, this.pki.leaf().privateKey(), "test=memory");
	}

}
