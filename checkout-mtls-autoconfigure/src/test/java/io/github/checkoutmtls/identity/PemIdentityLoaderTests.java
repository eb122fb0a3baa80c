package io.github.checkoutmtls.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * Tests for {@link PemIdentityLoader}.
 */
class PemIdentityLoaderTests {

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
		ec = pki.leaf("ec256", "ec:P-256");
		intermediate = OpensslPki.certificate(pki.intermediateCertificate());
		root = OpensslPki.certificate(pki.rootCertificate());
	}

	@Test
	void loadWhenKeyIsPkcs8ReturnsChainLeafFirst() {
		ClientIdentity identity = load(rsa.chain(), rsa.key(), null);
		assertIdentity(identity, rsa.x509(), intermediate, root);
		assertThat(identity.source()).isEqualTo("checkout.mtls.pem.certificate=" + rsa.chain());
	}

	@Test
	void loadWhenChainIsReversedOrdersLeafFirst() {
		Path reversed = pki.concat("reversed.pem", pki.rootCertificate(), pki.intermediateCertificate(),
				rsa.certificate());
		assertIdentity(load(reversed, rsa.key(), null), rsa.x509(), intermediate, root);
	}

	@Test
	void loadWhenChainIsShuffledOrdersLeafFirst() {
		Path shuffled = pki.concat("shuffled.pem", pki.intermediateCertificate(), rsa.certificate(),
				pki.rootCertificate());
		assertIdentity(load(shuffled, rsa.key(), null), rsa.x509(), intermediate, root);
	}

	@Test
	void loadWhenTextPrecedesEachCertificateIgnoresText() {
		pki.openssl("x509", "-in", rsa.certificate().toString(), "-text", "-out", "leaf-text.pem");
		pki.openssl("x509", "-in", pki.intermediateCertificate().toString(), "-text", "-out", "intermediate-text.pem");
		Path dump = pki.concat("text-chain.pem", pki.file("leaf-text.pem"), pki.file("intermediate-text.pem"));
		assertThat(OpensslPki.read(dump)).startsWith("Certificate:");
		assertIdentity(load(dump, rsa.key(), null), rsa.x509(), intermediate);
	}

	@Test
	void loadWhenLineEndingsAreCrlfReadsChainAndKey() {
		Path chain = pki.write("crlf-chain.pem", OpensslPki.read(rsa.chain()).replace("\n", "\r\n"));
		Path key = pki.write("crlf.key",
				OpensslPki.read(rsa.traditional("crlf-pkcs1.key", "-aes256")).replace("\n", "\r\n"));
		assertIdentity(load(chain, key, PASSWORD), rsa.x509(), intermediate, root);
	}

	@Test
	void loadWhenCertificateAndKeyShareOneFileReadsBoth() {
		Path combined = pki.concat("combined.pem", rsa.key(), rsa.chain());
		assertIdentity(load(combined, combined, null), rsa.x509(), intermediate, root);
	}

	@Test
	void loadWhenKeyIsEncryptedPkcs8Pbes2UsesPassword() {
		Path key = rsa.encryptedPkcs8("pbes2.key", "-v2", "aes-256-cbc");
		assertThat(OpensslPki.read(key)).contains("BEGIN ENCRYPTED PRIVATE KEY");
		assertIdentity(load(rsa.chain(), key, PASSWORD), rsa.x509(), intermediate, root);
	}

	@Test
	void loadWhenKeyIsEncryptedPkcs8Pbes1Sha1TripleDesUsesPassword() {
		Path key = rsa.encryptedPkcs8("pbes1-3des.key", "-v1", "PBE-SHA1-3DES");
		assertIdentity(load(rsa.chain(), key, PASSWORD), rsa.x509(), intermediate, root);
	}

	@Test
	void loadWhenKeyIsEncryptedPkcs8Pbes1Md5DesUsesPassword() {
		// openssl 3 keeps single DES in its legacy provider
		Path key = rsa.encryptedPkcs8("pbes1-des.key", "-v1", "PBE-MD5-DES", "-provider", "legacy", "-provider",
				"default");
		assertIdentity(load(rsa.chain(), key, PASSWORD), rsa.x509(), intermediate, root);
	}

	@Test
	void loadWhenEcKeyIsEncryptedPkcs8UsesPassword() {
		Path key = ec.encryptedPkcs8("ec-pbes2.key", "-v2", "aes-256-cbc");
		assertIdentity(load(ec.chain(), key, PASSWORD), ec.x509(), intermediate, root);
	}

	@Test
	void loadWhenKeyIsPkcs1ReadsIt() {
		Path key = rsa.traditional("pkcs1.key");
		assertThat(OpensslPki.read(key)).contains("BEGIN RSA PRIVATE KEY");
		assertIdentity(load(rsa.chain(), key, null), rsa.x509(), intermediate, root);
	}

	@Test
	void loadWhenKeyIsEncryptedPkcs1UsesPassword() {
		Path key = rsa.traditional("pkcs1-aes.key", "-aes256");
		assertThat(OpensslPki.read(key)).contains("Proc-Type: 4,ENCRYPTED");
		assertIdentity(load(rsa.chain(), key, PASSWORD), rsa.x509(), intermediate, root);
	}

	@Test
	void loadWhenKeyIsSec1ReadsIt() {
		Path key = ec.traditional("sec1.key");
		assertThat(OpensslPki.read(key)).contains("BEGIN EC PRIVATE KEY");
		assertIdentity(load(ec.chain(), key, null), ec.x509(), intermediate, root);
	}

	@Test
	void loadWhenSec1KeyFollowsEcParametersReadsIt() {
		pki.openssl("ecparam", "-name", "prime256v1", "-out", "ecparams.pem");
		Path key = pki.concat("ecparams-sec1.key", pki.file("ecparams.pem"), ec.traditional("sec1-plain.key"));
		assertIdentity(load(ec.chain(), key, null), ec.x509(), intermediate, root);
	}

	@Test
	void loadWhenKeyIsEncryptedSec1UsesPassword() {
		Path key = ec.traditional("sec1-des3.key", "-des3");
		assertThat(OpensslPki.read(key)).contains("DEK-Info: DES-EDE3-CBC");
		assertIdentity(load(ec.chain(), key, PASSWORD), ec.x509(), intermediate, root);
	}

	@Test
	void loadWhenKeyIsEcP384ReadsIt() {
		OpensslPki.Leaf ec384 = pki.leaf("ec384", "ec:P-384");
		assertIdentity(load(ec384.chain(), ec384.traditional("sec1-384.key"), null), ec384.x509(), intermediate, root);
	}

	@Test
	void loadWhenKeyIsRsa4096ReadsIt() {
		OpensslPki.Leaf rsa4096 = pki.leaf("rsa4096", "rsa:4096");
		assertIdentity(load(rsa4096.chain(), rsa4096.key(), null), rsa4096.x509(), intermediate, root);
	}

	@Test
	void loadWhenLocationHasFilePrefixResolvesIt() {
		ClientIdentity identity = new PemIdentityLoader(new DefaultResourceLoader(), "file:" + rsa.chain(),
				"file:" + rsa.key(), null)
			.load();
		assertThat(identity.leaf()).isEqualTo(rsa.x509());
		assertThat(identity.source()).isEqualTo("checkout.mtls.pem.certificate=file:" + rsa.chain());
	}

	@Test
	void loadWhenCalledAgainReadsRotatedFiles() throws Exception {
		Path chain = dir.resolve("rotating-chain.pem");
		Path key = dir.resolve("rotating.key");
		Files.copy(rsa.chain(), chain, StandardCopyOption.REPLACE_EXISTING);
		Files.copy(rsa.key(), key, StandardCopyOption.REPLACE_EXISTING);
		PemIdentityLoader loader = new PemIdentityLoader(new DefaultResourceLoader(), chain.toString(), key.toString(),
				null);
		assertThat(loader.load().leaf()).isEqualTo(rsa.x509());
		Files.copy(ec.chain(), chain, StandardCopyOption.REPLACE_EXISTING);
		Files.copy(ec.key(), key, StandardCopyOption.REPLACE_EXISTING);
		assertThat(loader.load().leaf()).isEqualTo(ec.x509());
	}

	@Test
	void loadWhenKeyIsEncryptedAndPasswordIsMissingFailsNamingPasswordProperty() {
		Path key = rsa.encryptedPkcs8("no-password.key", "-v2", "aes-256-cbc");
		PrivateKeyPasswordException ex = assertFailure(() -> load(rsa.chain(), key, null),
				PrivateKeyPasswordException.class, IdentityPropertyNames.PRIVATE_KEY_PASSWORD);
		assertThat(ex.getMessage()).contains("no password");
	}

	@Test
	void loadWhenPkcs8PasswordIsWrongFailsWithoutEchoingIt() {
		Path key = rsa.encryptedPkcs8("wrong-password.key", "-v2", "aes-256-cbc");
		PrivateKeyPasswordException ex = assertFailure(() -> load(rsa.chain(), key, "not-" + PASSWORD),
				PrivateKeyPasswordException.class, IdentityPropertyNames.PRIVATE_KEY_PASSWORD);
		assertThat(ex.getMessage()).contains("wrong or missing").doesNotContain("not-");
		assertThat(ex.getCause()).isNotNull();
	}

	@Test
	void loadWhenLegacyEncryptedPasswordIsWrongFails() {
		Path key = ec.traditional("wrong-sec1.key", "-des3");
		assertFailure(() -> load(ec.chain(), key, "wrong"), PrivateKeyPasswordException.class,
				IdentityPropertyNames.PRIVATE_KEY_PASSWORD);
	}

	@Test
	void loadWhenCertificateFileIsDerFailsWithConversionCommand() {
		pki.openssl("x509", "-in", rsa.certificate().toString(), "-outform", "der", "-out", "leaf.der");
		String der = pki.file("leaf.der").toString();
		CertificateNotFoundException ex = assertFailure(() -> load(pki.file("leaf.der"), rsa.key(), null),
				CertificateNotFoundException.class, IdentityPropertyNames.CERTIFICATE);
		assertThat(ex.getValue()).isEqualTo(der);
		assertThat(ex.getAction()).contains("openssl x509 -inform der -in " + der);
	}

	@Test
	void loadWhenPropertiesAreSwappedFailsSayingCertificateFileHoldsAKey() {
		CertificateNotFoundException ex = assertFailure(() -> load(rsa.key(), rsa.chain(), null),
				CertificateNotFoundException.class, IdentityPropertyNames.CERTIFICATE);
		assertThat(ex.getProblem()).contains("private key but no certificate");
	}

	@Test
	void loadWhenCertificateFileHoldsOtherPemFailsNamingWhatItHolds() {
		CertificateNotFoundException ex = assertFailure(() -> load(pki.file("rsa.csr"), rsa.key(), null),
				CertificateNotFoundException.class, IdentityPropertyNames.CERTIFICATE);
		assertThat(ex.getProblem()).contains("CERTIFICATE REQUEST");
	}

	@Test
	void loadWhenKeyFileHoldsOnlyCertificatesFails() {
		PrivateKeyNotFoundException ex = assertFailure(() -> load(rsa.chain(), rsa.chain(), null),
				PrivateKeyNotFoundException.class, IdentityPropertyNames.PRIVATE_KEY);
		assertThat(ex.getProblem()).contains("certificates but no private key");
	}

	@Test
	void loadWhenKeyFileIsGarbageFails() {
		Path garbage = pki.write("garbage.key", "this is not a key\n");
		assertFailure(() -> load(rsa.chain(), garbage, null), PrivateKeyNotFoundException.class,
				IdentityPropertyNames.PRIVATE_KEY);
	}

	@Test
	void loadWhenKeyFileIsDerFailsWithConversionCommand() {
		pki.openssl("pkey", "-in", rsa.key().toString(), "-outform", "der", "-out", "key.der");
		PrivateKeyNotFoundException ex = assertFailure(() -> load(rsa.chain(), pki.file("key.der"), null),
				PrivateKeyNotFoundException.class, IdentityPropertyNames.PRIVATE_KEY);
		assertThat(ex.getAction()).contains("openssl pkey -inform der");
	}

	@Test
	void loadWhenKeyIsDsaFailsAsUnsupported() {
		pki.openssl("genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "dsa_paramgen_bits:1024", "-out",
				"dsa-params.pem");
		pki.openssl("genpkey", "-paramfile", "dsa-params.pem", "-out", "dsa.key");
		PrivateKeyNotFoundException ex = assertFailure(() -> load(rsa.chain(), pki.file("dsa.key"), null),
				PrivateKeyNotFoundException.class, IdentityPropertyNames.PRIVATE_KEY);
		assertThat(ex.getProblem()).contains("DSA");
	}

	@Test
	void loadWhenKeyMatchesNoCertificateFailsListingSubjects() {
		PrivateKeyMismatchException ex = assertFailure(() -> load(rsa.chain(), ec.key(), null),
				PrivateKeyMismatchException.class, IdentityPropertyNames.PRIVATE_KEY);
		assertThat(ex.getProblem()).contains("CN=rsa.client.internal").contains("CN=Test Intermediate CA");
	}

	@Test
	void loadWhenCertificateFileIsMissingFails() {
		assertFailure(() -> load(dir.resolve("missing.pem"), rsa.key(), null), KeyMaterialNotReadableException.class,
				IdentityPropertyNames.CERTIFICATE);
	}

	private static ClientIdentity load(Path certificate, Path key, String password) {
		return new PemIdentityLoader(new DefaultResourceLoader(), certificate.toString(), key.toString(), password)
			.load();
	}

	@Test
	void loaderNeedsBothLocations() {
		DefaultResourceLoader loader = new DefaultResourceLoader();
		assertThatIllegalArgumentException().isThrownBy(() -> new PemIdentityLoader(loader, " ", "key.pem", null))
			.withMessageContaining("'certificate'");
		assertThatIllegalArgumentException().isThrownBy(() -> new PemIdentityLoader(loader, "chain.pem", "", null))
			.withMessageContaining("'privateKey'");
		assertThatIllegalArgumentException().isThrownBy(() -> new PemIdentityLoader(null, "chain.pem", "key.pem", null))
			.withMessageContaining("'resourceLoader'");
	}

}
