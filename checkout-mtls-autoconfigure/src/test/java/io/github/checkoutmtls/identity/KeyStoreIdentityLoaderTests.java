package io.github.checkoutmtls.identity;

import java.nio.file.Path;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;

import static io.github.checkoutmtls.identity.KeyMaterialAssertions.assertFailure;
import static io.github.checkoutmtls.identity.KeyMaterialAssertions.assertIdentity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link KeyStoreIdentityLoader}.
 */
class KeyStoreIdentityLoaderTests {

	private static final String PASSWORD = OpensslPki.PASSWORD;

	@TempDir
	static Path dir;

	static OpensslPki pki;

	static OpensslPki.Leaf rsa;

	static OpensslPki.Leaf ec;

	static X509Certificate intermediate;

	static X509Certificate root;

	static Path twoKeys;

	@BeforeAll
	static void createPki() {
		pki = OpensslPki.create(dir);
		rsa = pki.leaf("rsa", "rsa:2048");
		ec = pki.leaf("ec", "ec:P-256");
		intermediate = OpensslPki.certificate(pki.intermediateCertificate());
		root = OpensslPki.certificate(pki.rootCertificate());
		rsa.importInto("two-keys.p12", "PKCS12");
		twoKeys = ec.importInto("two-keys.p12", "PKCS12");
		pki.keytool("-importcert", "-noprompt", "-alias", "root", "-file", pki.rootCertificate().toString(),
				"-keystore", twoKeys.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
	}

	@Test
	void loadWhenPkcs12IsOpenssl3DefaultReturnsChainLeafFirst() {
		Path store = rsa.pkcs12("default.p12");
		ClientIdentity identity = load(store, null, PASSWORD, null);
		assertIdentity(identity, rsa.x509(), intermediate, root);
		assertThat(identity.source()).isEqualTo("checkout.mtls.keystore.location=" + store);
	}

	@Test
	void loadWhenPkcs12IsLegacyReadsIt() {
		Path store = ec.pkcs12("legacy.p12", "-legacy");
		assertIdentity(load(store, "pkcs12", PASSWORD, null), ec.x509(), intermediate, root);
	}

	@Test
	void loadWhenStoreIsJksReadsIt() {
		Path store = rsa.importInto("client.jks", "JKS");
		assertIdentity(load(store, "jks", PASSWORD, null), rsa.x509(), intermediate, root);
	}

	@Test
	void loadWhenAliasIsSetUsesThatEntry() {
		assertIdentity(load(twoKeys, null, PASSWORD, "ec"), ec.x509(), intermediate, root);
		assertIdentity(load(twoKeys, null, PASSWORD, "rsa"), rsa.x509(), intermediate, root);
	}

	@Test
	void loadWhenSeveralKeyEntriesAndNoAliasFailsListingAliases() {
		KeyStoreEntryNotFoundException ex = assertFailure(() -> load(twoKeys, null, PASSWORD, null),
				KeyStoreEntryNotFoundException.class, IdentityPropertyNames.ALIAS);
		assertThat(ex.getProblem()).contains("rsa").contains("ec").doesNotContain("root");
	}

	@Test
	void loadWhenAliasDoesNotExistFailsListingAliases() {
		KeyStoreEntryNotFoundException ex = assertFailure(() -> load(twoKeys, null, PASSWORD, "nope"),
				KeyStoreEntryNotFoundException.class, IdentityPropertyNames.ALIAS);
		assertThat(ex.getValue()).isEqualTo("nope");
		assertThat(ex.getAction()).contains("rsa").contains("ec").contains("root");
	}

	@Test
	void loadWhenAliasIsTrustedCertificateEntryFails() {
		assertFailure(() -> load(twoKeys, null, PASSWORD, "root"), PrivateKeyNotFoundException.class,
				IdentityPropertyNames.ALIAS);
	}

	@Test
	void loadWhenPasswordIsWrongFailsWithoutEchoingIt() {
		Path store = rsa.pkcs12("wrong.p12");
		PrivateKeyPasswordException ex = assertFailure(() -> load(store, null, "not-" + PASSWORD, null),
				PrivateKeyPasswordException.class, IdentityPropertyNames.PASSWORD);
		assertThat(ex.getMessage()).contains("wrong or missing").doesNotContain("not-");
	}

	@Test
	void loadWhenPasswordIsMissingFailsNamingPasswordProperty() {
		Path store = rsa.pkcs12("missing-password.p12");
		assertFailure(() -> load(store, null, null, null), PrivateKeyPasswordException.class,
				IdentityPropertyNames.PASSWORD);
	}

	@Test
	void loadWhenJksPasswordIsWrongFails() {
		Path store = ec.importInto("wrong.jks", "JKS");
		assertFailure(() -> load(store, "JKS", "wrong", null), PrivateKeyPasswordException.class,
				IdentityPropertyNames.PASSWORD);
	}

	@Test
	void loadWhenTypeIsUnsupportedFails() {
		KeyStoreFormatException ex = assertFailure(() -> load(rsa.pkcs12("type.p12"), "JCEKS", PASSWORD, null),
				KeyStoreFormatException.class, IdentityPropertyNames.TYPE);
		assertThat(ex.getValue()).isEqualTo("JCEKS");
	}

	@Test
	void loadWhenFileIsPemFailsPointingAtPemProperties() {
		KeyStoreFormatException ex = assertFailure(() -> load(rsa.chain(), null, PASSWORD, null),
				KeyStoreFormatException.class, IdentityPropertyNames.LOCATION);
		assertThat(ex.getAction()).contains(IdentityPropertyNames.CERTIFICATE);
	}

	@Test
	void loadWhenFileIsCorruptFails() {
		Path corrupt = pki.write("corrupt.p12", new byte[] { 0x30, (byte) 0x82, 0x01, 0x00, 0x02, 0x01, 0x03 });
		assertFailure(() -> load(corrupt, null, PASSWORD, null), KeyStoreFormatException.class,
				IdentityPropertyNames.LOCATION);
	}

	@Test
	void loadWhenStoreIsMissingFails() {
		assertFailure(() -> load(dir.resolve("missing.p12"), null, PASSWORD, null),
				KeyMaterialNotReadableException.class, IdentityPropertyNames.LOCATION);
	}

	private static ClientIdentity load(Path location, String type, String password, String alias) {
		return new KeyStoreIdentityLoader(new DefaultResourceLoader(), location.toString(), type, password, alias)
			.load();
	}

	@Test
	void loaderNeedsALocation() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new KeyStoreIdentityLoader(new DefaultResourceLoader(), " ", null, null, null))
			.withMessageContaining("'location'");
	}

}
