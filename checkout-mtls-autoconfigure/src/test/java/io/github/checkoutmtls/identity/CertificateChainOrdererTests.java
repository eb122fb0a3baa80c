package io.github.checkoutmtls.identity;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;

import static io.github.checkoutmtls.identity.KeyMaterialAssertions.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CertificateChainOrderer}.
 */
class CertificateChainOrdererTests {

	private static final String PROPERTY = IdentityPropertyNames.PRIVATE_KEY;

	@TempDir
	static Path dir;

	static OpensslPki pki;

	static X509Certificate rsaLeaf;

	static PrivateKey rsaKey;

	static X509Certificate ecLeaf;

	static PrivateKey ecKey;

	static X509Certificate intermediate;

	static X509Certificate root;

	static X509Certificate unrelated;

	@BeforeAll
	static void createPki() {
		pki = OpensslPki.create(dir);
		OpensslPki.Leaf rsa = pki.leaf("rsa", "rsa:2048");
		OpensslPki.Leaf ec = pki.leaf("ec", "ec:P-384");
		rsaLeaf = rsa.x509();
		rsaKey = key(rsa);
		ecLeaf = ec.x509();
		ecKey = key(ec);
		intermediate = OpensslPki.certificate(pki.intermediateCertificate());
		root = OpensslPki.certificate(pki.rootCertificate());
		pki.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
				"unrelated.key", "-subj", "/CN=Unrelated CA", "-days", "2", "-out", "unrelated.pem");
		unrelated = OpensslPki.certificate(pki.file("unrelated.pem"));
	}

	@Test
	void orderWhenReversedPutsLeafFirstThenIssuers() {
		assertThat(order(List.of(root, intermediate, rsaLeaf), rsaKey)).containsExactly(rsaLeaf, intermediate, root);
	}

	@Test
	void orderWhenEcLeafIsInTheMiddlePutsItFirst() {
		assertThat(order(List.of(intermediate, ecLeaf, root), ecKey)).containsExactly(ecLeaf, intermediate, root);
	}

	@Test
	void orderWhenOtherLeafIsPresentFindsLeafByKey() {
		assertThat(order(List.of(ecLeaf, intermediate, rsaLeaf), rsaKey)).containsExactly(rsaLeaf, intermediate,
				ecLeaf);
	}

	@Test
	void orderWhenRootIsMissingKeepsLeafAndIntermediate() {
		assertThat(order(List.of(intermediate, rsaLeaf), rsaKey)).containsExactly(rsaLeaf, intermediate);
	}

	@Test
	void orderWhenCertificatesCannotBeLinkedAppendsThemInOriginalOrder() {
		List<X509Certificate> ordered = order(List.of(unrelated, root, rsaLeaf), rsaKey);
		assertThat(ordered).containsExactly(rsaLeaf, unrelated, root);
	}

	@Test
	void orderWhenCertificateIsRepeatedKeepsOneCopy() {
		assertThat(order(List.of(rsaLeaf, intermediate, intermediate, root), rsaKey)).containsExactly(rsaLeaf,
				intermediate, root);
	}

	@Test
	void orderWhenKeyMatchesNoCertificateFailsListingSubjects() {
		PrivateKeyMismatchException ex = assertFailure(() -> order(List.of(rsaLeaf, intermediate), ecKey),
				PrivateKeyMismatchException.class, PROPERTY);
		assertThat(ex.getProblem()).contains("CN=rsa.client.internal").contains("CN=Test Intermediate CA");
		assertThat(ex.getValue()).isEqualTo("client.key");
	}

	private static List<X509Certificate> order(List<X509Certificate> certificates, PrivateKey key) {
		return CertificateChainOrderer.order(certificates, key, PROPERTY, "client.key");
	}

	private static PrivateKey key(OpensslPki.Leaf leaf) {
		return new PemIdentityLoader(new DefaultResourceLoader(), leaf.chain().toString(), leaf.key().toString(), null)
			.load()
			.privateKey();
	}

}
