package io.github.checkoutmtls.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.DefaultResourceLoader;

import io.github.checkoutmtls.identity.Finding.Status;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.Pem;
import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CertificateChecks} with {@code checkout.mtls.registered-roots}: the
 * chain must build to a registered root, and expiry covers every certificate Checkout
 * validates.
 */
@ExtendWith(OutputCaptureExtension.class)
class CertificateChecksRegisteredRootsTests {

	private static final String SOURCE = "checkout.mtls.pem.certificate=file:/etc/checkout/chain.pem";

	@TempDir
	Path directory;

	private final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	@Test
	void enforceWhenChainBuildsToRegisteredRootAnchorsTheIdentityAtIt() throws IOException {
		ClientIdentity anchored = checks(Clock.systemUTC(), this.pki.root().certificate())
			.enforce(identity(this.pki.chain(), this.pki.leaf()));
		assertThat(anchored.registeredRoot()).isEqualTo(this.pki.root().certificate());
		assertThat(anchored.validatedCertificates()).hasSize(this.pki.chain().size() + 1)
			.endsWith(this.pki.root().certificate());
	}

	@Test
	void enforceWhenFileHoldsOnlyTheLeafFailsNamingTheCertificateProperty() throws IOException {
		CertificateChecks checks = checks(Clock.systemUTC(), this.pki.root().certificate());
		assertThatExceptionOfType(UnregisteredRootException.class)
			.isThrownBy(() -> checks.enforce(identity(List.of(this.pki.leaf().certificate()), this.pki.leaf())))
			.withMessageContaining("holds only the leaf")
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("checkout.mtls.pem.certificate"))
			.satisfies((ex) -> assertThat(ex.getAction()).contains(
					"Append the intermediate CA certificate '" + this.pki.intermediates().get(0).subject() + "'"));
	}

	@Test
	void enforceWhenChainEndsAtAnUnregisteredRootFailsNamingRegisteredRoots() throws IOException {
		TestPki other = TestPki.builder().build();
		CertificateChecks checks = checks(Clock.systemUTC(), other.root().certificate());
		List<X509Certificate> withRoot = append(this.pki.chain(), this.pki.root().certificate());
		assertThatExceptionOfType(UnregisteredRootException.class)
			.isThrownBy(() -> checks.enforce(identity(withRoot, this.pki.leaf())))
			.withMessageContaining("ends at the root '" + this.pki.root().subject() + "'")
			.withMessageContaining(other.root().subject())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("checkout.mtls.registered-roots"))
			.satisfies((ex) -> assertThat(ex.getValue()).startsWith("file:"))
			.satisfies((ex) -> assertThat(ex.getAction()).contains("Send that root to Checkout"));
	}

	@Test
	void runWhenIntermediateExpiresBeforeTheLeafWarnsToRenewInTime() {
		Instant now = Instant.now();
		TestPki shortIntermediate = TestPki.builder()
			.intermediateValidity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)))
			.build();
		CertificateChecks checks = new CertificateChecks(null, Duration.ofDays(30), Clock.systemUTC(), List::of);
		Finding finding = find(checks.run(identity(shortIntermediate.chain(), shortIntermediate.leaf())), "ca-expiry");
		assertThat(finding.status()).isEqualTo(Status.WARN);
		assertThat(finding.summary()).contains("intermediate CA '" + shortIntermediate.intermediates().get(0).subject())
			.contains("expires in 9 day(s)");
		assertThat(find(checks.run(identity(shortIntermediate.chain(), shortIntermediate.leaf())), "expiry").status())
			.isEqualTo(Status.PASS);
	}

	@Test
	void enforceWhenRegisteredRootExpiresWithinWarningLogsToSendRenewedRootsToCheckout(CapturedOutput output)
			throws IOException {
		Instant now = Instant.now();
		TestPki longLived = TestPki.builder()
			.leafValidity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(20 * 365)))
			.intermediateValidity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(20 * 365)))
			.build();
		X509Certificate root = longLived.root().certificate();
		Clock tenDaysBeforeRootExpiry = Clock.fixed(root.getNotAfter().toInstant().minus(Duration.ofDays(10)),
				ZoneOffset.UTC);
		ClientIdentity anchored = checks(tenDaysBeforeRootExpiry, root)
			.enforce(identity(longLived.chain(), longLived.leaf()));
		assertThat(anchored.firstToExpire()).isEqualTo(root);
		assertThat(output).contains("WARN")
			.contains("root '" + longLived.root().subject() + "' that Checkout validates expires in 10 day(s)")
			.contains("Send the renewed root to Checkout before the active one expires");
	}

	@Test
	void enforceWhenRegisteredRootHasExpiredFails() throws IOException {
		Instant now = Instant.now();
		TestPki longLived = TestPki.builder()
			.leafValidity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(20 * 365)))
			.intermediateValidity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(20 * 365)))
			.build();
		X509Certificate root = longLived.root().certificate();
		Clock afterRootExpiry = Clock.fixed(root.getNotAfter().toInstant().plus(Duration.ofDays(1)), ZoneOffset.UTC);
		assertThatExceptionOfType(CertificateValidityException.class)
			.isThrownBy(() -> checks(afterRootExpiry, root).enforce(identity(longLived.chain(), longLived.leaf())))
			.withMessageContaining("registered root '" + longLived.root().subject() + "'")
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("checkout.mtls.registered-roots"));
	}

	@Test
	void runWithoutRegisteredRootsSaysHowToTrackTheRoot() {
		CertificateChecks checks = new CertificateChecks(null, Duration.ofDays(30), Clock.systemUTC(), List::of);
		Finding finding = find(checks.run(identity(this.pki.chain(), this.pki.leaf())), "registered-root");
		assertThat(finding.status()).isEqualTo(Status.PASS);
		assertThat(finding.summary()).contains("checkout.mtls.registered-roots");
	}

	private CertificateChecks checks(Clock clock, X509Certificate... roots) throws IOException {
		Path file = Files.writeString(this.directory.resolve("checkout-roots.pem"), Pem.certificates(roots));
		return new CertificateChecks(null, Duration.ofDays(30), clock, List::of)
			.withRegisteredRoots(new DefaultResourceLoader(), "file:" + file);
	}

	private static List<X509Certificate> append(List<X509Certificate> chain, X509Certificate certificate) {
		return java.util.stream.Stream.concat(chain.stream(), java.util.stream.Stream.of(certificate)).toList();
	}

	private static ClientIdentity identity(List<X509Certificate> chain, CertificateAndKey leaf) {
		return ClientIdentity.of(chain, leaf.privateKey(), SOURCE);
	}

	private static Finding find(List<Finding> findings, String check) {
		return findings.stream().filter((finding) -> finding.check().equals(check)).findFirst().orElseThrow();
	}

}
