package io.github.checkoutmtls.identity;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;

import static io.github.checkoutmtls.identity.KeyMaterialAssertions.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KeyStoreEntryReader}.
 */
class KeyStoreEntryReaderTests {

	private static final KeyStoreEntryReader READER = new KeyStoreEntryReader(IdentityPropertyNames.LOCATION,
			"client.p12", IdentityPropertyNames.ALIAS, IdentityPropertyNames.PASSWORD);

	private static final char[] PASSWORD = "changeit".toCharArray();

	@TempDir
	static Path dir;

	static ClientIdentity identity;

	static X509Certificate root;

	@BeforeAll
	static void createPki() {
		OpensslPki pki = OpensslPki.create(dir);
		OpensslPki.Leaf leaf = pki.leaf("ec", "ec:P-256");
		identity = new PemIdentityLoader(new DefaultResourceLoader(), leaf.chain().toString(), leaf.key().toString(),
				null)
			.load();
		root = OpensslPki.certificate(pki.rootCertificate());
	}

	@Test
	void readWhenSingleKeyEntrySelectsItWithoutAlias() throws Exception {
		KeyStore store = store("client");
		store.setCertificateEntry("root", root);
		KeyStoreEntryReader.Entry entry = READER.read(store, null, PASSWORD);
		assertThat(entry.chain()).isEqualTo(identity.chain());
		assertThat(entry.privateKey().getEncoded()).isEqualTo(identity.privateKey().getEncoded());
	}

	@Test
	void readWhenEntryHasNoPasswordAndNoneIsGivenReadsIt() throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry("client", identity.privateKey(), new char[0],
				identity.chain().toArray(X509Certificate[]::new));
		assertThat(READER.read(store, null, null).chain()).isEqualTo(identity.chain());
	}

	@Test
	void readWhenNoKeyEntryFailsListingAliases() throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setCertificateEntry("root", root);
		KeyStoreEntryNotFoundException ex = assertFailure(() -> READER.read(store, null, PASSWORD),
				KeyStoreEntryNotFoundException.class, IdentityPropertyNames.LOCATION);
		assertThat(ex.getProblem()).contains("root");
	}

	@Test
	void readWhenKeyPasswordIsWrongFailsNamingPasswordProperty() throws Exception {
		KeyStore store = store("client");
		assertFailure(() -> READER.read(store, "client", "wrong".toCharArray()), PrivateKeyPasswordException.class,
				IdentityPropertyNames.PASSWORD);
	}

	private static KeyStore store(String alias) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry(alias, identity.privateKey(), PASSWORD, identity.chain().toArray(X509Certificate[]::new));
		return store;
	}

}
