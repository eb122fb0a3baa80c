package io.github.checkoutmtls.identity;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Security;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.checkoutmtls.identity.KeyMaterialAssertions.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PemPrivateKeyDecoder}.
 */
class PemPrivateKeyDecoderTests {

	private static final String KEY = IdentityPropertyNames.PRIVATE_KEY;

	@TempDir
	static Path dir;

	static OpensslPki.Leaf rsa;

	static OpensslPki.Leaf ec;

	@BeforeAll
	static void createPki() {
		OpensslPki pki = OpensslPki.create(dir);
		rsa = pki.leaf("rsa", "rsa:2048");
		ec = pki.leaf("ec", "ec:P-384");
	}

	@Test
	void decodeWhenLegacyEncryptedPkcs1ReturnsJdkRsaKey() {
		PrivateKey key = decode(rsa.traditional("rsa-aes.pem", "-aes256"), OpensslPki.PASSWORD);
		assertThat(key).isInstanceOf(RSAPrivateKey.class);
		assertThat(key.getClass().getName()).startsWith("sun.security.rsa.");
		assertThat(Security.getProvider("BC")).isNull();
	}

	@Test
	void decodeWhenPbes2EcKeyReturnsJdkEcKey() {
		PrivateKey key = decode(ec.encryptedPkcs8("ec-pbes2.pem", "-v2", "aes-256-cbc"), OpensslPki.PASSWORD);
		assertThat(key).isInstanceOf(ECPrivateKey.class);
		assertThat(key.getClass().getName()).startsWith("sun.security.ec.");
		assertThat(Security.getProvider("BC")).isNull();
	}

	@Test
	void decodeWhenPasswordIsEmptyFailsAsMissing() {
		Path key = rsa.encryptedPkcs8("empty-password.pem", "-v2", "aes-256-cbc");
		assertThat(assertFailure(() -> decode(key, ""), PrivateKeyPasswordException.class,
				IdentityPropertyNames.PRIVATE_KEY_PASSWORD)
			.getProblem()).contains("no password");
	}

	@Test
	void decodeWhenLegacyPasswordIsWrongFailsAsWrongOrMissing() {
		Path key = rsa.traditional("rsa-wrong.pem", "-aes256");
		assertThat(assertFailure(() -> decode(key, "wrong"), PrivateKeyPasswordException.class,
				IdentityPropertyNames.PRIVATE_KEY_PASSWORD)
			.getProblem()).contains("wrong or missing");
	}

	private static PrivateKey decode(Path file, String password) {
		Object keyObject = PemContent.parse(OpensslPki.read(file).getBytes(StandardCharsets.US_ASCII))
			.requirePrivateKey(KEY, file.toString());
		return PemPrivateKeyDecoder.decode(keyObject, password, KEY, file.toString());
	}

}
