package io.github.checkoutmtls.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.checkoutmtls.identity.KeyMaterialAssertions.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PemContent}.
 */
class PemContentTests {

	private static final String CERTIFICATE = IdentityPropertyNames.CERTIFICATE;

	private static final String KEY = IdentityPropertyNames.PRIVATE_KEY;

	@TempDir
	static Path dir;

	static OpensslPki pki;

	static OpensslPki.Leaf leaf;

	@BeforeAll
	static void createPki() {
		pki = OpensslPki.create(dir);
		leaf = pki.leaf("ec", "ec:P-256");
	}

	@Test
	void parseWhenTextSurroundsBlocksFindsCertificatesInFileOrder() {
		String text = "subject=CN=x\nissuer: something\n" + OpensslPki.read(leaf.chain()) + "trailing text\n";
		assertThat(parse(text).requireCertificates(CERTIFICATE, "chain.pem")).hasSize(3).first().isEqualTo(leaf.x509());
	}

	@Test
	void parseWhenByteOrderMarkPrecedesFirstBlockFindsIt() {
		assertThat(parse("\uFEFF" + OpensslPki.read(leaf.certificate())).requireCertificates(CERTIFICATE, "c.pem"))
			.containsExactly(leaf.x509());
	}

	@Test
	void parseWhenCrlfFindsCertificateAndKey() {
		String text = (OpensslPki.read(leaf.key()) + OpensslPki.read(leaf.certificate())).replace("\n", "\r\n");
		PemContent content = parse(text);
		assertThat(content.requireCertificates(CERTIFICATE, "c.pem")).containsExactly(leaf.x509());
		assertThat(content.requirePrivateKey(KEY, "c.pem")).isInstanceOf(PrivateKey.class);
	}

	@Test
	void parseWhenCertificateAndPkcs8KeyDecodesThemWithoutBouncyCastle() {
		String text = OpensslPki.read(leaf.certificate()) + OpensslPki.read(leaf.key());
		PemContent content = parse(text);
		assertThat(content.requireCertificates(CERTIFICATE, "c.pem")).containsExactly(leaf.x509());
		assertThat(content.requirePrivateKey(KEY, "c.pem")).isInstanceOfSatisfying(PrivateKey.class,
				(key) -> assertThat(key.getAlgorithm()).isEqualTo("EC"));
	}

	@Test
	void parseWhenAnotherBlockSitsBesideAPkcs8KeyLeavesTheFileToBouncyCastle() {
		pki.openssl("ecparam", "-name", "prime256v1", "-out", "params.pem");
		String text = OpensslPki.read(pki.file("params.pem")) + OpensslPki.read(leaf.key());
		assertThat(parse(text).requirePrivateKey(KEY, "c.pem")).isInstanceOf(PrivateKeyInfo.class);
	}

	@Test
	void parseWhenSec1KeyFollowsEcParametersReturnsKeyPair() {
		pki.openssl("ecparam", "-name", "prime256v1", "-out", "params.pem");
		String text = OpensslPki.read(pki.file("params.pem")) + OpensslPki.read(leaf.traditional("sec1.pem"));
		assertThat(parse(text).requirePrivateKey(KEY, "k.pem")).isInstanceOf(PEMKeyPair.class);
	}

	@Test
	void requireCertificatesWhenBlockIsCorruptFailsAsCorrupt() {
		String text = "-----BEGIN CERTIFICATE-----\nMIIBnotreallyacertificate\n-----END CERTIFICATE-----\n";
		CertificateNotFoundException ex = assertFailure(() -> parse(text).requireCertificates(CERTIFICATE, "c.pem"),
				CertificateNotFoundException.class, CERTIFICATE);
		assertThat(ex.getProblem()).contains("cannot be parsed");
	}

	@Test
	void requireCertificatesWhenBinaryFailsAsDer() {
		PemContent content = PemContent.parse(new byte[] { 0x30, (byte) 0x82, 0x01, 0x0a, 0x02, 0x01, 0x00 });
		assertThat(assertFailure(() -> content.requireCertificates(CERTIFICATE, "c.der"),
				CertificateNotFoundException.class, CERTIFICATE)
			.getProblem()).contains("DER");
	}

	@Test
	void requireCertificatesWhenPkcs7FailsWithExtractionCommand() {
		pki.openssl("crl2pkcs7", "-nocrl", "-certfile", leaf.certificate().toString(), "-out", "chain.p7b");
		PemContent content = PemContent.parse(bytes(pki.file("chain.p7b")));
		assertThat(assertFailure(() -> content.requireCertificates(CERTIFICATE, "chain.p7b"),
				CertificateNotFoundException.class, CERTIFICATE)
			.getAction()).contains("openssl pkcs7 -print_certs");
	}

	@Test
	void requirePrivateKeyWhenTypeIsUnknownFailsNamingIt() {
		String text = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE=\n-----END OPENSSH PRIVATE KEY-----\n";
		PrivateKeyNotFoundException ex = assertFailure(() -> parse(text).requirePrivateKey(KEY, "id"),
				PrivateKeyNotFoundException.class, KEY);
		assertThat(ex.getProblem()).contains("OPENSSH PRIVATE KEY");
	}

	@ParameterizedTest(name = "byte {0}")
	@ValueSource(bytes = { 0x00, 0x08, 0x0e, 0x1f })
	void requireCertificatesWhenContentHasAControlCharacterFailsAsDer(byte control) {
		PemContent content = PemContent.parse(new byte[] { 'a', control, 'b' });
		assertThat(assertFailure(() -> content.requireCertificates(CERTIFICATE, "c.der"),
				CertificateNotFoundException.class, CERTIFICATE)
			.getProblem()).contains("DER");
	}

	@ParameterizedTest(name = "byte {0}")
	@ValueSource(bytes = { 0x09, 0x0a, 0x0d, 0x20, 0x7e, (byte) 0xc3 })
	void requireCertificatesWhenContentIsTextWithoutBlocksFailsAsOtherContent(byte character) {
		PemContent content = PemContent.parse(new byte[] { 'a', character, (byte) 0xa9, 'b' });
		assertThat(assertFailure(() -> content.requireCertificates(CERTIFICATE, "c.txt"),
				CertificateNotFoundException.class, CERTIFICATE)
			.getProblem()).contains("no CERTIFICATE block (found: no PEM block)");
	}

	@Test
	void requireCertificatesWhenBlockIsCorruptKeepsTheParserFailureAsCause() {
		String text = "-----BEGIN CERTIFICATE-----\nMIIBnotreallyacertificate\n-----END CERTIFICATE-----\n";
		assertThat(assertFailure(() -> parse(text).requireCertificates(CERTIFICATE, "c.pem"),
				CertificateNotFoundException.class, CERTIFICATE))
			.hasCauseInstanceOf(Exception.class);
	}

	@Test
	void requirePrivateKeyWhenKeyBlockIsCorruptFailsAsCorrupt() {
		String text = "-----BEGIN PRIVATE KEY-----\nMIIBnotreallyakey\n-----END PRIVATE KEY-----\n";
		PrivateKeyNotFoundException ex = assertFailure(() -> parse(text).requirePrivateKey(KEY, "k.pem"),
				PrivateKeyNotFoundException.class, KEY);
		assertThat(ex.getProblem()).contains("cannot be parsed");
		assertThat(ex).hasCauseInstanceOf(Exception.class);
	}

	@Test
	void requireCertificatesWhenFileHoldsOnlyAnUnreadableKeyFailsAsSwappedFiles() {
		String text = "-----BEGIN PRIVATE KEY-----\nMIIBnotreallyakey\n-----END PRIVATE KEY-----\n";
		assertThat(assertFailure(() -> parse(text).requireCertificates(CERTIFICATE, "k.pem"),
				CertificateNotFoundException.class, CERTIFICATE)
			.getProblem()).contains("holds a private key but no certificate");
	}

	@Test
	void requirePrivateKeyWhenFileHoldsOnlyCertificatesFailsAsSwappedFiles() {
		PemContent content = parse(OpensslPki.read(leaf.chain()));
		assertThat(
				assertFailure(() -> content.requirePrivateKey(KEY, "chain.pem"), PrivateKeyNotFoundException.class, KEY)
					.getProblem())
			.contains("holds certificates but no private key");
	}

	@Test
	void requirePrivateKeyWhenCertificatesComeWithAnUnknownPrivateKeyNamesIt() {
		String text = OpensslPki.read(leaf.certificate())
				+ "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE=\n-----END OPENSSH PRIVATE KEY-----\n";
		assertThat(assertFailure(() -> parse(text).requirePrivateKey(KEY, "id"), PrivateKeyNotFoundException.class, KEY)
			.getProblem()).contains("OPENSSH PRIVATE KEY");
	}

	@Test
	void parseWhenCertificateIsATrustedCertificateBlockFindsIt() {
		pki.openssl("x509", "-in", leaf.certificate().toString(), "-trustout", "-addtrust", "clientAuth", "-out",
				"trusted.pem");
		String text = OpensslPki.read(pki.file("trusted.pem"));
		assertThat(text).contains("BEGIN TRUSTED CERTIFICATE");
		assertThat(parse(text).requireCertificates(CERTIFICATE, "trusted.pem")).containsExactly(leaf.x509());
	}

	private static PemContent parse(String text) {
		return PemContent.parse(text.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] bytes(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
