package io.github.checkoutmtls.doctor.cli;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;
import io.github.checkoutmtls.doctor.Doctor;
import io.github.checkoutmtls.doctor.DoctorReport;
import io.github.checkoutmtls.doctor.DoctorReport.ConnectResult;
import io.github.checkoutmtls.identity.CertificateChecks;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DoctorReportPrinter}.
 */
class DoctorReportPrinterTests {

	private final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	private final DoctorReportPrinter printer = new DoctorReportPrinter();

	@Test
	void renderWhenGoodListsEachCertificateInSendOrderAndEveryCheckAsPass() {
		ClientIdentity identity = identity(this.pki.chain());
		String output = this.printer.render(doctor(null).examine(identity));
		assertThat(output).contains("Certificate chain, in the order it is sent (2 certificate(s)):")
			.contains("  1. leaf", "  2. intermediate")
			.contains("Subject: " + this.pki.leaf().subject())
			.contains("Issuer:  " + this.pki.intermediates().get(0).subject())
			.contains("Serial:  " + identity.serialNumber())
			.containsPattern("\\((36[45]|363) day\\(s\\) left\\)")
			.contains("Key:     EC 256 bits")
			.contains("SHA-256: " + identity.fingerprint())
			.contains("[PASS] key:", "[PASS] chain-complete:", "[PASS] validity:", "[PASS] common-name:")
			.doesNotContain("[FAIL]")
			.contains("Register this CN with Checkout: merchant.internal")
			.contains("The root could not be found in the material")
			.contains("Result: PASS: every check passed (exit code 0)");
		assertThat(output.indexOf("1. leaf")).isLessThan(output.indexOf("2. intermediate"));
	}

	@Test
	void renderWhenCheckFailsPrintsTheFixAndTheSetting() {
		String output = new DoctorReportPrinter((property) -> "--expected-common-name")
			.render(doctor("other.internal").examine(identity(this.pki.chain())));
		assertThat(output)
			.contains("[FAIL] common-name: The leaf's CN is 'merchant.internal' but the CN registered"
					+ " with Checkout is 'other.internal'.")
			.contains("Fix: Use a certificate whose CN is 'other.internal'")
			.contains("Setting: --expected-common-name = other.internal")
			.contains("Result: FAIL: 1 problem(s) to fix before Checkout will accept this client (exit code 1)");
	}

	@Test
	void renderWhenRootsWereWrittenNamesTheFileAndEachRoot() {
		List<X509Certificate> chain = new ArrayList<>(this.pki.chain());
		chain.add(this.pki.root().certificate());
		DoctorReport report = doctor(null).examine(identity(chain));
		report = report.withRoots(report.roots().writtenTo(Path.of("checkout-roots.pem")));
		assertThat(this.printer.render(report)).contains("  3. root")
			.contains("Root certificate(s): The chain ends with its root")
			.contains("    " + this.pki.root().subject() + ", SHA-256 "
					+ ClientIdentity.fingerprint(this.pki.root().certificate()))
			.contains("Send Checkout this file: " + Path.of("checkout-roots.pem").toAbsolutePath());
	}

	@Test
	void renderWhenMaterialFailedToLoadPrintsProblemSettingAndFix() {
		DoctorReport report = DoctorReport.failed("checkout.mtls.pem.certificate=chain.pem",
				new LoadFailure("Private key matches none of the certificates (subjects: CN=merchant.internal)",
						"checkout.mtls.pem.private-key", "key.pem",
						"Configure the certificate issued for this key: the outputs of 'openssl x509 -noout -pubkey'"
								+ " and 'openssl pkey -pubout' must be equal"));
		assertThat(this.printer.render(report))
			.contains("[FAIL] The key material could not be used: Private key matches none of the certificates"
					+ " (subjects: CN=merchant.internal).")
			.contains("Setting: checkout.mtls.pem.private-key = key.pem")
			.contains("Fix: Configure the certificate issued for this key")
			.contains("Result: FAIL: the key material could not be used (exit code 1)")
			.doesNotContain("Certificate chain");
	}

	@Test
	void renderWhenConnectedShowsTheUrlAndStatus() {
		DoctorReport report = doctor(null).examine(identity(this.pki.chain()))
			.withConnection(new ConnectResult(ConnectResult.Outcome.CONNECTED, URI.create("https://localhost:1/"), 404,
					"Checkout accepted the certificate chain and the CN."));
		assertThat(this.printer.render(report)).contains("Live handshake with https://localhost:1/:")
			.contains("[PASS] CONNECTED (HTTP 404)")
			.contains("(exit code 0)");
	}

	@Test
	void renderWhenHandshakeWasRefusedFails() {
		DoctorReport report = doctor(null).examine(identity(this.pki.chain()))
			.withConnection(new ConnectResult(ConnectResult.Outcome.CLIENT_CERTIFICATE_REJECTED,
					URI.create("https://localhost:1/"), null, "Checkout refused the client certificate."));
		assertThat(this.printer.render(report)).contains("[FAIL] CLIENT_CERTIFICATE_REJECTED")
			.contains("  Checkout refused the client certificate.")
			.contains("(exit code 1)");
	}

	private ClientIdentity identity(List<X509Certificate> chain) {
		return ClientIdentity.of(chain, this.pki.leaf().privateKey(), "checkout.mtls.pem.certificate=chain.pem");
	}

	private static Doctor doctor(String expectedCommonName) {
		return new Doctor(new CertificateChecks(expectedCommonName, Duration.ofDays(30), Clock.systemUTC()),
				Clock.systemUTC());
	}

	/**
	 * A failure to load the key material, as the starter's loaders report one.
	 */
	private static final class LoadFailure extends CheckoutMtlsConfigurationException {

		LoadFailure(String problem, String property, String value, String action) {
			super(problem, property, value, action, null);
		}

	}

}
