package io.github.checkoutmtls.test.pki;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link TestPki}.
 */
class TestPkiTests {

	private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

	private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

	@Test
	void buildWithDefaultsMakesOneIntermediateAndEcLeafWithDefaultCommonName() {
		TestPki pki = TestPki.builder().build();
		assertThat(pki.intermediates()).hasSize(1);
		assertThat(pki.leaf().subject()).startsWith("CN=" + TestPki.DEFAULT_COMMON_NAME + ",");
		assertThat(pki.leaf().certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
		assertThat(pki.leaf().privateKey().getAlgorithm()).isEqualTo("EC");
		assertThat(pki.chain()).containsExactly(pki.leaf().certificate(), pki.intermediates().get(0).certificate());
	}

	@Test
	void chainLinksVerifyUpToTheRoot() throws Exception {
		TestPki pki = TestPki.builder().intermediates(3).build();
		List<X509Certificate> chain = pki.chain();
		assertThat(chain).hasSize(4);
		for (int i = 0; i < chain.size() - 1; i++) {
			chain.get(i).verify(chain.get(i + 1).getPublicKey());
			assertThat(chain.get(i).getIssuerX500Principal()).isEqualTo(chain.get(i + 1).getSubjectX500Principal());
		}
		chain.get(3).verify(pki.root().certificate().getPublicKey());
		pki.root().certificate().verify(pki.root().certificate().getPublicKey());
		assertThat(pki.intermediates().get(0).certificate().getIssuerX500Principal())
			.isEqualTo(pki.root().certificate().getSubjectX500Principal());
	}

	@Test
	void chainValidatesWithJdkPkixAgainstOnlyTheRoot() throws Exception {
		TestPki pki = TestPki.builder().intermediates(2).build();
		CertificateFactory factory = CertificateFactory.getInstance("X.509");
		PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(pki.root().certificate(), null)));
		parameters.setRevocationEnabled(false);
		CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(pki.chain()), parameters);
	}

	@Test
	void withoutIntermediatesLeafIsIssuedByRoot() throws Exception {
		TestPki pki = TestPki.builder().intermediates(0).build();
		assertThat(pki.intermediates()).isEmpty();
		assertThat(pki.chain()).containsExactly(pki.leaf().certificate());
		pki.leaf().certificate().verify(pki.root().certificate().getPublicKey());
	}

	@Test
	void intermediatesOutsideZeroToThreeAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> TestPki.builder().intermediates(4));
		assertThatIllegalArgumentException().isThrownBy(() -> TestPki.builder().intermediates(-1));
	}

	@Test
	void caCertificatesHaveCaExtensions() {
		TestPki pki = TestPki.builder().build();
		for (CertificateAndKey ca : List.of(pki.root(), pki.intermediates().get(0))) {
			X509Certificate certificate = ca.certificate();
			assertThat(certificate.getVersion()).isEqualTo(3);
			assertThat(certificate.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
			assertThat(certificate.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
			// keyCertSign (5) and cRLSign (6), nothing else
			assertThat(certificate.getKeyUsage()).containsExactly(false, false, false, false, false, true, true, false,
					false);
			assertThat(certificate.getSerialNumber().signum()).isPositive();
		}
	}

	@Test
	void leafHasClientAuthAndKeyIdentifiersAndIsNotCa() throws Exception {
		TestPki pki = TestPki.builder().commonName("merchant.internal").build();
		X509Certificate leaf = pki.leaf().certificate();
		assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
		assertThat(leaf.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
		assertThat(leaf.getKeyUsage()[0]).isTrue();
		assertThat(leaf.getKeyUsage()[2]).isFalse();
		assertThat(leaf.getNonCriticalExtensionOIDs()).contains("2.5.29.14", "2.5.29.35");
		assertThat(leaf.getSubjectX500Principal().getName()).startsWith("CN=merchant.internal,");
	}

	@Test
	void rsaLeafAddsKeyEnciphermentAndSignsWithSha256WithRsaFromRsaCa() {
		TestPki pki = TestPki.builder().keyType(KeyType.RSA_2048).caKeyType(KeyType.RSA_2048).build();
		X509Certificate leaf = pki.leaf().certificate();
		assertThat(leaf.getPublicKey().getAlgorithm()).isEqualTo("RSA");
		assertThat(leaf.getKeyUsage()[2]).isTrue();
		assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withRSA");
	}

	@Test
	void p384CaSignsWithSha384WithEcdsa() {
		TestPki pki = TestPki.builder().keyType(KeyType.EC_P384).caKeyType(KeyType.EC_P384).build();
		assertThat(pki.leaf().certificate().getSigAlgName()).isEqualTo("SHA384withECDSA");
	}

	@Test
	void serverCertificateIsForLocalhostAndIssuedBySeparateServerCa() throws Exception {
		TestPki pki = TestPki.builder().build();
		X509Certificate server = pki.server().certificate();
		Collection<List<?>> names = server.getSubjectAlternativeNames();
		assertThat(names).containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
		assertThat(server.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
		server.verify(pki.serverCa().getPublicKey());
		assertThat(pki.serverCa()).isNotEqualTo(pki.root().certificate());
		assertThat(server.getIssuerX500Principal()).isNotEqualTo(pki.root().certificate().getSubjectX500Principal());
	}

	@Test
	void twoInstancesNeverShareASubject() {
		TestPki one = TestPki.builder().build();
		TestPki two = TestPki.builder().build();
		assertThat(subjects(one)).doesNotContainAnyElementsOf(subjects(two));
	}

	@Test
	void validitiesAreApplied() {
		Instant notBefore = Instant.parse("2020-01-01T00:00:00Z");
		Instant notAfter = Instant.parse("2021-01-01T00:00:00Z");
		TestPki pki = TestPki.builder()
			.leafValidity(notBefore, notAfter)
			.intermediateValidity(notBefore, notAfter.plus(Duration.ofDays(1)))
			.build();
		assertThat(pki.leaf().certificate().getNotBefore().toInstant()).isEqualTo(notBefore);
		assertThat(pki.leaf().certificate().getNotAfter().toInstant()).isEqualTo(notAfter);
		assertThat(pki.intermediates().get(0).certificate().getNotAfter().toInstant())
			.isEqualTo(notAfter.plus(Duration.ofDays(1)));
	}

	@Test
	void issueLeafUsesTheLastIntermediate() throws Exception {
		TestPki pki = TestPki.builder().intermediates(2).build();
		CertificateAndKey rotated = pki.issueLeaf("rotated.internal", KeyType.EC_P384);
		rotated.certificate().verify(pki.intermediates().get(1).certificate().getPublicKey());
		assertThat(rotated.subject()).startsWith("CN=rotated.internal,");
		assertThat(rotated.thumbprint()).isNotEqualTo(pki.leaf().thumbprint());
		assertThat(pki.chainFor(rotated)).containsExactly(rotated.certificate(),
				pki.intermediates().get(1).certificate(), pki.intermediates().get(0).certificate());
	}

	@Test
	void selfSignedIsSelfSigned() throws Exception {
		CertificateAndKey selfSigned = TestPki.selfSigned("merchant.internal", KeyType.EC_P256);
		X509Certificate certificate = selfSigned.certificate();
		assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
		certificate.verify(certificate.getPublicKey());
		assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
	}

	@Test
	void toStringNeverPrintsTheKey() {
		CertificateAndKey leaf = TestPki.builder().build().leaf();
		String encodedKey = java.util.Base64.getEncoder().encodeToString(leaf.privateKey().getEncoded());
		assertThat(leaf.toString()).contains("CN=").doesNotContain(encodedKey.substring(0, 20));
		assertThat(leaf.toString()).doesNotContain(leaf.privateKey().toString());
	}

	@Test
	void writeToWritesFilesThatTheJdkReadsBack(@TempDir Path directory) throws Exception {
		TestPki pki = TestPki.builder().intermediates(2).build();
		TestPkiFiles files = pki.writeTo(directory.resolve("pki"));
		CertificateFactory factory = CertificateFactory.getInstance("X.509");
		assertThat(readCertificates(factory, files.chain())).containsExactlyElementsOf(pki.chain());
		assertThat(readCertificates(factory, files.root())).containsExactly(pki.root().certificate());
		assertThat(readCertificates(factory, files.serverCa())).containsExactly(pki.serverCa());
		assertThat(Files.readString(files.privateKey())).startsWith("-----BEGIN PRIVATE KEY-----\n")
			.isEqualTo(Pem.privateKey(pki.leaf().privateKey()));
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(files.pkcs12())) {
			store.load(in, files.pkcs12Password().toCharArray());
		}
		assertThat(store.getKey(TestPki.PKCS12_ALIAS, files.pkcs12Password().toCharArray()).getEncoded())
			.isEqualTo(pki.leaf().privateKey().getEncoded());
		assertThat(store.getCertificateChain(TestPki.PKCS12_ALIAS)).containsExactlyElementsOf(pki.chain());
		assertThat(files.toString()).doesNotContain(files.pkcs12Password());
	}

	@Test
	void writeToMakesThePrivateKeyOwnerOnly(@TempDir Path directory) throws Exception {
		assumeTrue(directory.getFileSystem().supportedFileAttributeViews().contains("posix"));
		TestPkiFiles files = TestPki.builder().build().writeTo(directory);
		assertThat(Files.getPosixFilePermissions(files.privateKey()))
			.containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
	}

	private static List<String> subjects(TestPki pki) {
		List<String> subjects = new ArrayList<>();
		subjects.add(pki.root().subject());
		pki.intermediates().forEach((ca) -> subjects.add(ca.subject()));
		subjects.add(pki.leaf().subject());
		subjects.add(pki.server().subject());
		subjects.add(pki.serverCa().getSubjectX500Principal().getName());
		return subjects;
	}

	private static List<X509Certificate> readCertificates(CertificateFactory factory, Path path) throws Exception {
		try (InputStream in = Files.newInputStream(path)) {
			return factory.generateCertificates(in).stream().map(X509Certificate.class::cast).toList();
		}
	}

}
