package io.github.checkoutmtls.identity;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.checkoutmtls.CustomCertificates;
import io.github.checkoutmtls.identity.Finding.Status;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CertificateChecks}.
 */
@ExtendWith(OutputCaptureExtension.class)
class CertificateChecksTests {

	private static final String SOURCE = "checkout.mtls.pem.certificate=file:/etc/checkout/chain.pem";

	private final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	private final CertificateChecks checks = checks(null);

	@Test
	void runWhenChainIsValidPassesEveryCheck() {
		List<Finding> findings = this.checks.run(identity(this.pki.chain(), this.pki.leaf()));
		assertThat(findings).extracting(Finding::status).containsOnly(Status.PASS);
		assertThat(findings).extracting(Finding::check)
			.containsExactly("key", "not-self-signed", "chain-complete", "private-ca", "validity", "usage",
					"common-name", "expiry", "registered-root", "ca-expiry");
	}

	@Test
	void enforceWhenExtendedKeyUsageExcludesClientAuthFailsNamingTheUsage() {
		CertificateAndKey serverOnly = CustomCertificates.issueWithUsage(this.pki.intermediates().get(0),
				new X500Principal("CN=merchant.internal"), KeyUsage.digitalSignature, KeyPurposeId.id_kp_serverAuth);
		assertThatExceptionOfType(CertificateUsageException.class)
			.isThrownBy(() -> this.checks.enforce(identity(withLeaf(serverOnly), serverOnly)))
			.withMessageContaining("excludes TLS client authentication")
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("checkout.mtls.pem.certificate"))
			.satisfies((ex) -> assertThat(ex.getAction()).contains("extendedKeyUsage=clientAuth"));
	}

	@Test
	void enforceWhenKeyUsageExcludesDigitalSignatureFails() {
		CertificateAndKey noSignature = CustomCertificates.issueWithUsage(this.pki.intermediates().get(0),
				new X500Principal("CN=merchant.internal"), KeyUsage.keyEncipherment, KeyPurposeId.id_kp_clientAuth);
		assertThatExceptionOfType(CertificateUsageException.class)
			.isThrownBy(() -> this.checks.enforce(identity(withLeaf(noSignature), noSignature)))
			.withMessageContaining("excludes digitalSignature");
	}

	@Test
	void runWhenLeafHasNoUsageExtensionsOrAnyExtendedKeyUsagePasses() {
		CertificateAndKey unrestricted = CustomCertificates.issue(this.pki.intermediates().get(0),
				new X500Principal("CN=merchant.internal"), CustomCertificates.rsa(2048));
		CertificateAndKey any = CustomCertificates.issueWithUsage(this.pki.intermediates().get(0),
				new X500Principal("CN=merchant.internal"), KeyUsage.digitalSignature, KeyPurposeId.anyExtendedKeyUsage);
		assertThat(find(this.checks.run(identity(withLeaf(unrestricted), unrestricted)), "usage").status())
			.isEqualTo(Status.PASS);
		assertThat(find(this.checks.run(identity(withLeaf(any), any)), "usage").status()).isEqualTo(Status.PASS);
	}

	@Test
	void enforceWhenLeafIsSelfSignedFailsSayingCheckoutRefusesIt() {
		CertificateAndKey selfSigned = TestPki.selfSigned("merchant.internal", KeyType.EC_P256);
		assertThatExceptionOfType(UnsupportedCertificateIssuerException.class)
			.isThrownBy(() -> this.checks.enforce(identity(List.of(selfSigned.certificate()), selfSigned)))
			.withMessageContaining("self-signed")
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("checkout.mtls.pem.certificate"))
			.satisfies((ex) -> assertThat(ex.getValue()).isEqualTo("file:/etc/checkout/chain.pem"));
	}

	@Test
	void enforceWhenChainLeadsToPublicCaFails() {
		CertificateChecks publicRoot = new CertificateChecks(null, Duration.ofDays(30), Clock.systemUTC(),
				() -> List.of(this.pki.root().certificate()));
		assertThatExceptionOfType(UnsupportedCertificateIssuerException.class)
			.isThrownBy(() -> publicRoot.enforce(identity(this.pki.chain(), this.pki.leaf())))
			.withMessageContaining("public CA")
			.withMessageContaining(this.pki.root().subject());
	}

	@Test
	void enforceWhenIntermediateIsMissingFailsNamingMissingIssuer() {
		List<X509Certificate> leafAndRoot = List.of(this.pki.leaf().certificate(), this.pki.root().certificate());
		assertThatExceptionOfType(IncompleteCertificateChainException.class)
			.isThrownBy(() -> this.checks.enforce(identity(leafAndRoot, this.pki.leaf())))
			.withMessageContaining("issuer '" + this.pki.intermediates().get(0).subject() + "'")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("Append the PEM of the CA certificate"));
	}

	@Test
	void enforceWhenIssuerNameMatchesButKeyDoesNotFailsNamingBothCertificates() {
		X500Principal intermediateName = this.pki.intermediates().get(0).certificate().getSubjectX500Principal();
		CertificateAndKey impostor = CustomCertificates.issue(this.pki.root(), intermediateName,
				CustomCertificates.rsa(2048));
		List<X509Certificate> chain = List.of(this.pki.leaf().certificate(), impostor.certificate());
		assertThatExceptionOfType(IncompleteCertificateChainException.class)
			.isThrownBy(() -> this.checks.enforce(identity(chain, this.pki.leaf())))
			.withMessageContaining("is not signed by the key of '" + intermediateName.getName() + "'");
	}

	@Test
	void runWhenChainHoldsOnlyTheLeafWarnsAboutIntermediates() {
		Finding finding = find(this.checks.run(identity(List.of(this.pki.leaf().certificate()), this.pki.leaf())),
				"chain-complete");
		assertThat(finding.status()).isEqualTo(Status.WARN);
		assertThat(finding.summary()).contains("holds only the leaf");
	}

	@Test
	void runWhenRootIsIncludedPassesChainComplete() {
		List<X509Certificate> full = new ArrayList<>(this.pki.chain());
		full.add(this.pki.root().certificate());
		Finding finding = find(this.checks.run(identity(full, this.pki.leaf())), "chain-complete");
		assertThat(finding.status()).isEqualTo(Status.PASS);
		assertThat(finding.summary()).contains("Chain of 3 certificate(s)");
	}

	@Test
	void enforceWhenLeafHasExpiredFailsWithDate() {
		Instant now = Instant.now();
		CertificateAndKey expired = this.pki.issueLeaf("merchant.internal", KeyType.EC_P256,
				now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
		assertThatExceptionOfType(CertificateValidityException.class)
			.isThrownBy(() -> this.checks.enforce(identity(this.pki.chainFor(expired), expired)))
			.withMessageContaining("expired on " + expired.certificate().getNotAfter().toInstant());
	}

	@Test
	void enforceWhenLeafIsNotYetValidFails() {
		Instant now = Instant.now();
		CertificateAndKey future = this.pki.issueLeaf("merchant.internal", KeyType.EC_P256,
				now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)));
		assertThatExceptionOfType(CertificateValidityException.class)
			.isThrownBy(() -> this.checks.enforce(identity(this.pki.chainFor(future), future)))
			.withMessageContaining("is not valid before");
	}

	@Test
	void enforceWhenIntermediateHasExpiredFailsNamingIt() {
		Instant now = Instant.now();
		TestPki expiredIntermediate = TestPki.builder()
			.intermediateValidity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))
			.build();
		assertThatExceptionOfType(CertificateValidityException.class)
			.isThrownBy(() -> this.checks.enforce(identity(expiredIntermediate.chain(), expiredIntermediate.leaf())))
			.withMessageContaining(expiredIntermediate.intermediates().get(0).subject());
	}

	@Test
	void enforceWhenCommonNameDiffersFailsSayingBoth() {
		assertThatExceptionOfType(CommonNameMismatchException.class)
			.isThrownBy(() -> checks("merchant.example").enforce(identity(this.pki.chain(), this.pki.leaf())))
			.withMessageContaining("'merchant.internal'")
			.withMessageContaining("'merchant.example'")
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("checkout.mtls.expected-common-name"));
	}

	@Test
	void enforceWhenCommonNameMatchesPasses() {
		ClientIdentity identity = identity(this.pki.chain(), this.pki.leaf());
		assertThat(checks("merchant.internal").enforce(identity)).isSameAs(identity);
	}

	@Test
	void enforceWhenExpectedCommonNameIsBlankFails() {
		assertThatExceptionOfType(CommonNameMismatchException.class)
			.isThrownBy(() -> checks(" ").enforce(identity(this.pki.chain(), this.pki.leaf())))
			.withMessageContaining("expected CN is empty");
	}

	@Test
	void enforceWhenLeafHasNoCommonNameFails() {
		CertificateAndKey noCn = CustomCertificates.issue(this.pki.intermediates().get(0),
				new X500Principal("O=checkout-mtls test,OU=no common name"), CustomCertificates.rsa(2048));
		assertThatExceptionOfType(CommonNameMismatchException.class)
			.isThrownBy(() -> this.checks.enforce(identity(this.pki.chainFor(noCn), noCn)))
			.withMessageContaining("has no CN");
	}

	@Test
	void enforceWhenRsaKeyIsTooShortFails() {
		CertificateAndKey weak = CustomCertificates.issue(this.pki.intermediates().get(0),
				new X500Principal("CN=merchant.internal"), CustomCertificates.rsa(1024));
		assertThatExceptionOfType(UnsupportedKeyException.class)
			.isThrownBy(() -> this.checks.enforce(identity(this.pki.chainFor(weak), weak)))
			.withMessageContaining("RSA 1024 bits");
	}

	@Test
	void runWhenKeyIsOutsideKnownTypesWarns() throws Exception {
		java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
		generator.initialize(new java.security.spec.ECGenParameterSpec("secp521r1"));
		CertificateAndKey p521 = CustomCertificates.issue(this.pki.intermediates().get(0),
				new X500Principal("CN=merchant.internal"), generator.generateKeyPair());
		Finding key = find(this.checks.run(identity(this.pki.chainFor(p521), p521)), "key");
		assertThat(key.status()).isEqualTo(Status.WARN);
		assertThat(key.summary()).contains("EC 521 bits").contains("known to work");
	}

	@Test
	void runAcceptsRsa2048And4096AndEcP384() {
		for (KeyType keyType : List.of(KeyType.RSA_2048, KeyType.RSA_4096, KeyType.EC_P384)) {
			CertificateAndKey leaf = this.pki.issueLeaf("merchant.internal", keyType);
			assertThat(find(this.checks.run(identity(this.pki.chainFor(leaf), leaf)), "key").status())
				.as(keyType.name())
				.isEqualTo(Status.PASS);
		}
	}

	@Test
	void enforceWhenLeafExpiresWithinWarningLogsWarnAndPasses(CapturedOutput output) {
		Instant now = Instant.now();
		CertificateAndKey soon = this.pki.issueLeaf("merchant.internal", KeyType.EC_P256, now.minus(Duration.ofDays(1)),
				now.plus(Duration.ofDays(5)));
		ClientIdentity identity = identity(this.pki.chainFor(soon), soon);
		assertThat(this.checks.enforce(identity)).isSameAs(identity);
		assertThat(output).contains("WARN").contains("expires in 4 day(s)");
	}

	@Test
	void runUsesClockForValidity() {
		Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(400)), ZoneOffset.UTC);
		CertificateChecks inAYear = new CertificateChecks(null, Duration.ofDays(30), later, List::of);
		Finding validity = find(inAYear.run(identity(this.pki.chain(), this.pki.leaf())), "validity");
		assertThat(validity.status()).isEqualTo(Status.FAIL);
		assertThat(validity.failure()).isInstanceOf(CertificateValidityException.class);
		Finding expiry = find(inAYear.run(identity(this.pki.chain(), this.pki.leaf())), "expiry");
		assertThat(expiry.status()).isEqualTo(Status.WARN);
		assertThat(expiry.summary()).contains("expired 35 day(s) ago");
	}

	private static CertificateChecks checks(String expectedCommonName) {
		return new CertificateChecks(expectedCommonName, Duration.ofDays(30), Clock.systemUTC(), List::of);
	}

	private static ClientIdentity identity(List<X509Certificate> chain, CertificateAndKey leaf) {
		return ClientIdentity.of(chain, leaf.privateKey(), SOURCE);
	}

	private List<X509Certificate> withLeaf(CertificateAndKey leaf) {
		List<X509Certificate> chain = new ArrayList<>(this.pki.chain());
		chain.set(0, leaf.certificate());
		return chain;
	}

	private static Finding find(List<Finding> findings, String check) {
		return findings.stream().filter((finding) -> finding.check().equals(check)).findFirst().orElseThrow();
	}

}
