package io.github.checkoutmtls.doctor;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;
import io.github.checkoutmtls.identity.Finding;

/**
 * Everything the doctor found about a client identity: the chain in the order it is sent,
 * every check, the CN and roots to register with Checkout and, when asked for, a live
 * handshake. A report whose material could not be loaded holds only the
 * {@link #failure()}.
 *
 * @param source where the material came from (property and location, never a secret)
 * @param certificates the chain, in the order it is sent
 * @param findings one finding per check, in order
 * @param commonName the leaf's CN, to register with Checkout, or {@code null}
 * @param thumbprint the RFC 8705 {@code x5t#S256} of the leaf, or {@code null}
 * @param roots the roots to send to Checkout, or {@code null} after a failure
 * @param connection the live handshake's outcome, or {@code null} when none was made
 * @param failure why the material could not be loaded, or {@code null}
 */
public record DoctorReport(String source, List<CertificateSummary> certificates, List<Finding> findings,
		@Nullable String commonName, @Nullable String thumbprint, @Nullable RootCertificates roots,
		@Nullable ConnectResult connection, @Nullable CheckoutMtlsConfigurationException failure) {

	/**
	 * Exit code when every part passed.
	 */
	public static final int PASSED = 0;

	/**
	 * Exit code when a check failed, the material could not be loaded or the handshake
	 * failed.
	 */
	public static final int FAILED = 1;

	/**
	 * Creates a new instance, copying the lists.
	 */
	public DoctorReport {
		certificates = List.copyOf(certificates);
		findings = List.copyOf(findings);
	}

	/**
	 * Creates the report of material that could not be loaded.
	 * @param source where the material was to come from
	 * @param failure why it could not be loaded
	 * @return the report
	 */
	public static DoctorReport failed(String source, CheckoutMtlsConfigurationException failure) {
		return new DoctorReport(source, List.of(), List.of(), null, null, null, null, failure);
	}

	/**
	 * Returns the same report with the outcome of a live handshake.
	 * @param connection the outcome
	 * @return a copy holding it
	 */
	public DoctorReport withConnection(ConnectResult connection) {
		return new DoctorReport(this.source, this.certificates, this.findings, this.commonName, this.thumbprint,
				this.roots, connection, this.failure);
	}

	/**
	 * Returns the same report with other roots, e.g. once written to a file.
	 * @param roots the roots
	 * @return a copy holding them
	 */
	public DoctorReport withRoots(RootCertificates roots) {
		return new DoctorReport(this.source, this.certificates, this.findings, this.commonName, this.thumbprint, roots,
				this.connection, this.failure);
	}

	/**
	 * Returns the checks that failed.
	 * @return the failed findings, in order
	 */
	public List<Finding> failedFindings() {
		return this.findings.stream().filter((finding) -> finding.status() == Finding.Status.FAIL).toList();
	}

	/**
	 * Whether the material loaded, every check passed (warnings included), the roots
	 * agree with the chain and the live handshake, when made, connected.
	 * @return whether the report passed
	 */
	public boolean passed() {
		return this.failure == null && failedFindings().isEmpty() && (this.roots == null || this.roots.passed())
				&& (this.connection == null || this.connection.passed());
	}

	/**
	 * Returns the process exit code for this report, so that it can gate a deployment.
	 * @return {@value #PASSED} when the report passed, else {@value #FAILED}
	 */
	public int exitCode() {
		return passed() ? PASSED : FAILED;
	}

}
