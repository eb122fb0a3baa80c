package io.github.checkoutmtls.doctor;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;

import io.github.checkoutmtls.CustomCertificates;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RootCertificates}.
 */
class RootCertificatesTests {

	private final TestPki pki = TestPki.builder().build();

	@Test
	void ofWhenChainEndsWithSelfSignedRootTakesIt() {
		List<X509Certificate> chain = new ArrayList<>(this.pki.chain());
		chain.add(this.pki.root().certificate());
		RootCertificates roots = RootCertificates.of(chain, List.of());
		assertThat(roots.status()).isEqualTo(RootCertificates.Status.IN_CHAIN);
		assertThat(roots.certificates()).containsExactly(this.pki.root().certificate());
	}

	@Test
	void ofWhenChainLacksRootNamesTheLastIssuer() {
		RootCertificates roots = RootCertificates.of(this.pki.chain(), List.of());
		assertThat(roots.status()).isEqualTo(RootCertificates.Status.NOT_FOUND);
		assertThat(roots.certificates()).isEmpty();
		assertThat(roots.message()).contains("is issued by '" + this.pki.root().subject() + "'");
		assertThat(roots.passed()).isTrue();
	}

	@Test
	void ofWhenGivenSeveralRootsKeepsTheOneThatSignedTheChain() {
		X509Certificate other = TestPki.builder().build().root().certificate();
		RootCertificates roots = RootCertificates.of(this.pki.chain(), List.of(other, this.pki.root().certificate()));
		assertThat(roots.status()).isEqualTo(RootCertificates.Status.GIVEN);
		assertThat(roots.certificates()).containsExactly(this.pki.root().certificate());
	}

	@Test
	void ofWhenGivenRootHasTheIssuersNameButAnotherKeyFails() {
		CertificateAndKey root = CustomCertificates.certificateAuthority("Merchant Root");
		CertificateAndKey intermediate = CustomCertificates.issue(root, new X500Principal("CN=Merchant Intermediate"),
				CustomCertificates.rsa(2048));
		CertificateAndKey impostor = CustomCertificates.certificateAuthority("Merchant Root");
		RootCertificates roots = RootCertificates.of(List.of(intermediate.certificate()),
				List.of(impostor.certificate()));
		assertThat(roots.status()).isEqualTo(RootCertificates.Status.NOT_THE_ISSUER);
		assertThat(roots.message()).contains("No certificate of --root",
				"signed the top of the chain 'CN=Merchant Intermediate'");
		assertThat(roots.passed()).isFalse();
	}

	@Test
	void writtenToKeepsTheRootsAndNamesTheFile() {
		RootCertificates roots = RootCertificates.of(this.pki.chain(), List.of(this.pki.root().certificate()))
			.writtenTo(Path.of("roots.pem"));
		assertThat(roots.file()).isEqualTo(Path.of("roots.pem"));
		assertThat(roots.certificates()).hasSize(1);
	}

}
