package io.github.checkoutmtls.identity;

import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PublicCertificateAuthorities}.
 */
class PublicCertificateAuthoritiesTests {

	private static final TestPki pki = TestPki.builder().build();

	@Test
	void jvmDefaultHoldsTheJvmTrustStoresCertificateAuthorities() {
		List<X509Certificate> authorities = PublicCertificateAuthorities.jvmDefault();
		// The JDK ships well over a hundred public roots; each is a CA certificate
		assertThat(authorities).hasSizeGreaterThan(50)
			.allSatisfy((authority) -> assertThat(authority.getBasicConstraints()).isGreaterThanOrEqualTo(0));
		assertThat(PublicCertificateAuthorities.jvmDefault()).isSameAs(authorities);
	}

	@Test
	void certificateIssuedByAnAuthorityIsPublic() {
		assertThat(PublicCertificateAuthorities.isPublic(pki.intermediates().get(0).certificate(),
				List.of(pki.root().certificate())))
			.isTrue();
		assertThat(PublicCertificateAuthorities.isPublic(pki.root().certificate(), List.of(pki.root().certificate())))
			.isTrue();
	}

	@Test
	void certificateOfAPrivateCaIsNotPublic() {
		assertThat(PublicCertificateAuthorities.isPublic(pki.leaf().certificate(),
				PublicCertificateAuthorities.jvmDefault()))
			.isFalse();
		// Another PKI's CA did not issue it
		TestPki impostor = TestPki.builder().build();
		assertThat(PublicCertificateAuthorities.isPublic(pki.leaf().certificate(),
				List.of(impostor.intermediates().get(0).certificate())))
			.isFalse();
	}

}
