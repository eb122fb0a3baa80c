package io.github.checkoutmtls.identity;

import java.nio.file.Path;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.jks.JksSslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreDetails;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

import static io.github.checkoutmtls.identity.KeyMaterialAssertions.assertFailure;
import static io.github.checkoutmtls.identity.KeyMaterialAssertions.assertIdentity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SslBundleIdentityLoader}.
 */
class SslBundleIdentityLoaderTests {

	private static final String PASSWORD = OpensslPki.PASSWORD;

	@TempDir
	static Path dir;

	static OpensslPki pki;

	static OpensslPki.Leaf rsa;

	static OpensslPki.Leaf ec;

	static X509Certificate intermediate;

	static X509Certificate root;

	@BeforeAll
	static void createPki() {
		pki = OpensslPki.create(dir);
		rsa = pki.leaf("rsa", "rsa:2048");
		ec = pki.leaf("ec", "ec:P-256");
		intermediate = OpensslPki.certificate(pki.intermediateCertificate());
		root = OpensslPki.certificate(pki.rootCertificate());
	}

	@Test
	void loadWhenPemBundleReturnsChainLeafFirst() {
		PemSslStoreDetails keyStore = new PemSslStoreDetails(null, "file:" + ec.chain(), "file:" + ec.key());
		SslBundle bundle = SslBundle.of(new PemSslStoreBundle(keyStore, null));
		ClientIdentity identity = load(bundle);
		assertIdentity(identity, ec.x509(), intermediate, root);
		assertThat(identity.source()).isEqualTo("checkout.mtls.ssl.bundle=checkout");
	}

	@Test
	void loadWhenBootCannotBuildBundleKeyStoreFailsNamingBundle() {
		// Boot's PEM bundle needs the leaf first: the JDK key store refuses a chain whose
		// first certificate is not the key's
		Path reversed = pki.concat("reversed.pem", pki.rootCertificate(), pki.intermediateCertificate(),
				ec.certificate());
		PemSslStoreDetails keyStore = new PemSslStoreDetails(null, "file:" + reversed, "file:" + ec.key());
		SslBundle bundle = SslBundle.of(new PemSslStoreBundle(keyStore, null));
		KeyStoreFormatException ex = assertFailure(() -> load(bundle), KeyStoreFormatException.class,
				IdentityPropertyNames.SSL_BUNDLE);
		assertThat(ex.getCause()).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void loadWhenPemBundleKeyIsEncryptedUsesItsPassword() {
		Path key = rsa.encryptedPkcs8("bundle-pbes2.key", "-v2", "aes-256-cbc");
		PemSslStoreDetails keyStore = new PemSslStoreDetails(null, "file:" + rsa.chain(), "file:" + key)
			.withPrivateKeyPassword(PASSWORD);
		assertIdentity(load(SslBundle.of(new PemSslStoreBundle(keyStore, null))), rsa.x509(), intermediate, root);
	}

	@Test
	void loadWhenJksBundleUsesStorePasswordForKey() {
		Path store = rsa.pkcs12("bundle.p12");
		JksSslStoreDetails keyStore = new JksSslStoreDetails("PKCS12", null, "file:" + store, PASSWORD);
		assertIdentity(load(SslBundle.of(new JksSslStoreBundle(keyStore, null))), rsa.x509(), intermediate, root);
	}

	@Test
	void loadWhenBundleKeyNamesAliasAndPasswordUsesThem() {
		rsa.importInto("bundle-two-keys.p12", "PKCS12");
		Path store = ec.importInto("bundle-two-keys.p12", "PKCS12");
		JksSslStoreDetails keyStore = new JksSslStoreDetails("PKCS12", null, "file:" + store, PASSWORD);
		SslBundle bundle = SslBundle.of(new JksSslStoreBundle(keyStore, null), SslBundleKey.of(PASSWORD, "ec"));
		assertIdentity(load(bundle), ec.x509(), intermediate, root);
	}

	@Test
	void loadWhenBundleKeyPasswordIsWrongFailsNamingBundleKeyPassword() {
		Path store = ec.importInto("bundle-wrong.jks", "JKS");
		JksSslStoreDetails keyStore = new JksSslStoreDetails("JKS", null, "file:" + store, PASSWORD);
		SslBundle bundle = SslBundle.of(new JksSslStoreBundle(keyStore, null), SslBundleKey.of("wrong"));
		assertFailure(() -> load(bundle), PrivateKeyPasswordException.class,
				"spring.ssl.bundle.jks.checkout.key.password");
	}

	@Test
	void loadWhenBundleDoesNotExistFailsListingBundles() {
		DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry();
		registry.registerBundle("other", SslBundle.of(null));
		SslBundleNotFoundException ex = assertFailure(() -> new SslBundleIdentityLoader(registry, "checkout").load(),
				SslBundleNotFoundException.class, IdentityPropertyNames.SSL_BUNDLE);
		assertThat(ex.getValue()).isEqualTo("checkout");
		assertThat(ex.getProblem()).contains("other");
		assertThat(ex.getCause()).isNotNull();
	}

	@Test
	void loadWhenBundleHasNoKeyStoreFails() {
		PemSslStoreDetails trustStore = PemSslStoreDetails.forCertificate("file:" + pki.rootCertificate());
		SslBundle bundle = SslBundle.of(new PemSslStoreBundle(null, trustStore));
		SslBundleNotFoundException ex = assertFailure(() -> load(bundle), SslBundleNotFoundException.class,
				IdentityPropertyNames.SSL_BUNDLE);
		assertThat(ex.getProblem()).contains("no key store");
	}

	private static ClientIdentity load(SslBundle bundle) {
		return new SslBundleIdentityLoader(new DefaultSslBundleRegistry("checkout", bundle), "checkout").load();
	}

	@Test
	void loaderNeedsBundlesAndABundleName() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SslBundleIdentityLoader(null, "client"))
			.withMessageContaining("'sslBundles'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SslBundleIdentityLoader(new DefaultSslBundleRegistry(), " "))
			.withMessageContaining("'bundleName'");
	}

}
