package io.github.checkoutmtls.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.Pem;
import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Adversarial startup checks of the identity loaders: secrets in messages, and bad key
 * material.
 */
class AdversarialIdentityTests {

	@TempDir
	static Path dir;

	static TestPki pki;

	static Path chain;

	static Path key;

	@BeforeAll
	static void write() throws Exception {
		pki = TestPki.builder().commonName("adversarial.internal").build();
		chain = Files.writeString(dir.resolve("chain.pem"), Pem.certificates(pki.chain()));
		key = Files.writeString(dir.resolve("key.pem"), Pem.privateKey(pki.leaf().privateKey()));
	}

	// PrivateKeyNotFoundException & co: "the property's value (a location or name, never
	// a secret)"; KeyMaterialResource: "Key material pasted into the property: never
	// quote it back". A key pasted as one line of base64 (PKCS#8 DER, as environment
	// variables and Kubernetes secrets often hold it) is quoted back whole.
	@Test
	void privateKeyPastedAsBase64IntoTheLocationIsNeverQuotedBack() {
		String base64Key = Base64.getEncoder().encodeToString(pki.leaf().privateKey().getEncoded());
		Throwable failure = catchThrowable(
				() -> ClientIdentityLoader.pem(new DefaultResourceLoader(), "file:" + chain, base64Key, null).load());
		assertThat(failure).isInstanceOf(CheckoutMtlsConfigurationException.class);
		CheckoutMtlsConfigurationException configuration = (CheckoutMtlsConfigurationException) failure;
		assertThat(configuration.getProperty()).isEqualTo("checkout.mtls.pem.private-key");
		assertThat(configuration.getMessage()).doesNotContain(base64Key.substring(0, 64));
		assertThat(configuration.getValue()).as("getValue(): never a secret").isNull();
	}

	@Test
	void keyStorePastedAsBase64IntoTheLocationIsNeverQuotedBack() throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry("checkout", pki.leaf().privateKey(), "changeit".toCharArray(),
				pki.chain().toArray(new java.security.cert.X509Certificate[0]));
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		store.store(out, "changeit".toCharArray());
		String base64Store = Base64.getEncoder().encodeToString(out.toByteArray());
		Throwable failure = catchThrowable(() -> ClientIdentityLoader
			.keyStore(new DefaultResourceLoader(), base64Store, "PKCS12", "changeit", null)
			.load());
		assertThat(failure).isInstanceOf(CheckoutMtlsConfigurationException.class);
		assertThat(failure.getMessage()).doesNotContain(base64Store.substring(0, 64));
	}

	@Test
	void notYetValidLeafFailsNamingTheCertificateProperty() throws Exception {
		Instant now = Instant.now();
		CertificateAndKey future = pki.issueLeaf("adversarial.internal", KeyType.EC_P256, now.plus(1, ChronoUnit.DAYS),
				now.plus(30, ChronoUnit.DAYS));
		Path futureChain = Files.writeString(dir.resolve("future.pem"), Pem.certificates(pki.chainFor(future)));
		Path futureKey = Files.writeString(dir.resolve("future.key"), Pem.privateKey(future.privateKey()));
		Throwable failure = catchThrowable(() -> check(futureChain, futureKey));
		assertThat(failure).isInstanceOf(CheckoutMtlsConfigurationException.class)
			.hasMessageContaining("checkout.mtls.pem.certificate")
			.hasMessageContaining("not valid before");
	}

	@Test
	void chainWithDuplicatesLoadsPresentingEachCertificateOnce() throws Exception {
		List<java.security.cert.X509Certificate> doubled = new ArrayList<>(pki.chain());
		doubled.addAll(pki.chain());
		Path doubledChain = Files.writeString(dir.resolve("doubled.pem"), Pem.certificates(doubled));
		ClientIdentity identity = ClientIdentityLoader
			.pem(new DefaultResourceLoader(), "file:" + doubledChain, "file:" + key, null)
			.load();
		assertThat(identity.chain()).hasSize(pki.chain().size());
	}

	@Test
	void pemOfWhitespaceAndCommentsOnlyFailsAsEmptyOrWithoutCertificate() throws Exception {
		Path blank = Files.writeString(dir.resolve("comments.pem"), "# nothing here\n\t \n");
		Throwable failure = catchThrowable(
				() -> ClientIdentityLoader.pem(new DefaultResourceLoader(), "file:" + blank, "file:" + key, null)
					.load());
		assertThat(failure).isInstanceOf(CheckoutMtlsConfigurationException.class)
			.hasMessageContaining("checkout.mtls.pem.certificate");
	}

	@Test
	void caCertificateAsTheLeafFailsTheStart() throws Exception {
		CertificateAndKey intermediate = pki.intermediates().get(pki.intermediates().size() - 1);
		Path caChain = Files.writeString(dir.resolve("ca-as-leaf.pem"),
				Pem.certificates(intermediate.certificate(), pki.root().certificate()));
		Path caKey = Files.writeString(dir.resolve("ca-as-leaf.key"), Pem.privateKey(intermediate.privateKey()));
		Throwable failure = catchThrowable(() -> check(caChain, caKey));
		assertThat(failure).as("a CA certificate presented as the client leaf")
			.isInstanceOf(CheckoutMtlsConfigurationException.class);
	}

	private static void check(Path chainFile, Path keyFile) {
		ClientIdentity identity = ClientIdentityLoader
			.pem(new DefaultResourceLoader(), "file:" + chainFile, "file:" + keyFile, null)
			.load();
		new CertificateChecks(null, java.time.Duration.ofDays(30), java.time.Clock.systemUTC(), List::of)
			.enforce(identity);
	}

}
