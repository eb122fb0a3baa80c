package io.github.checkoutmtls.identity;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;

import io.github.checkoutmtls.test.pki.Pem;
import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Key material pasted into a location property as one line of base64 is never quoted
 * back, while a missing path is still named.
 */
class PastedKeyMaterialTests {

	@TempDir
	static Path dir;

	static TestPki pki;

	static Path chain;

	@BeforeAll
	static void write() throws Exception {
		pki = TestPki.builder().commonName("review.internal").build();
		chain = Files.writeString(dir.resolve("chain.pem"), Pem.certificates(pki.chain()));
	}

	// The most common form in Kubernetes secrets and CI variables: `base64 -w0 key.pem`,
	// i.e. the base64 of the PEM text ("LS0tLS1CRUdJTi..."), not of the DER.
	@Test
	void privateKeyPemPastedAsOneLineOfBase64IsNeverQuotedBack() {
		String pem = Pem.privateKey(pki.leaf().privateKey());
		String base64Pem = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
		Throwable failure = catchThrowable(
				() -> ClientIdentityLoader.pem(new DefaultResourceLoader(), "file:" + chain, base64Pem, null).load());
		assertThat(failure).isNotNull();
		assertThat(failure.getMessage()).doesNotContain(base64Pem.substring(0, 64));
	}

	// URL-safe base64 (as some secret stores emit it) of the PKCS#8 DER.
	@Test
	void privateKeyPastedAsUrlSafeBase64IsNeverQuotedBack() {
		String base64Key = null;
		// Find a key whose URL-safe encoding differs from the standard one (holds - or
		// _).
		for (int i = 0; i < 20 && base64Key == null; i++) {
			byte[] der = TestPki.builder()
				.commonName("review" + i + ".internal")
				.build()
				.leaf()
				.privateKey()
				.getEncoded();
			String candidate = Base64.getUrlEncoder().withoutPadding().encodeToString(der);
			if (candidate.indexOf('-') >= 0 || candidate.indexOf('_') >= 0) {
				base64Key = candidate;
			}
		}
		assertThat(base64Key).isNotNull();
		String location = base64Key;
		Throwable failure = catchThrowable(
				() -> ClientIdentityLoader.pem(new DefaultResourceLoader(), "file:" + chain, location, null).load());
		assertThat(failure).isNotNull();
		assertThat(failure.getMessage()).doesNotContain(location.substring(0, 64));
	}

	// A plain relative path with no extension, of base64 characters alone: a missing
	// path, named as such.
	@Test
	void missingPlainPathIsReportedAsMissingWithItsLocation() {
		String location = "MNT/secrets/checkout/production/clientcertificates/privatekeyfile/latest";
		assertThat(location.length()).isGreaterThanOrEqualTo(64);
		Throwable failure = catchThrowable(
				() -> ClientIdentityLoader.pem(new DefaultResourceLoader(), "file:" + chain, location, null).load());
		assertThat(failure).isNotNull();
		assertThat(failure.getMessage()).contains("does not exist").contains(location);
	}

}
