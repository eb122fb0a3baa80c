package io.github.checkoutmtls.doctor;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;
import io.github.checkoutmtls.identity.CertificateChecks;
import io.github.checkoutmtls.identity.ClientIdentity;
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

	/**
	 * What a report shows of one certificate of the chain: public facts only.
	 *
	 * @param position where it is sent in the handshake, 1 for the leaf
	 * @param role {@code leaf}, {@code intermediate} or {@code root}
	 * @param subject the subject distinguished name
	 * @param issuer the issuer distinguished name
	 * @param serialNumber the serial number in hexadecimal
	 * @param notBefore start of validity
	 * @param notAfter end of validity
	 * @param daysLeft whole days until it expires, negative once it has
	 * @param key the key's algorithm and size, e.g. {@code EC 256 bits}
	 * @param sha256Fingerprint SHA-256 of the DER encoding, colon-separated hexadecimal
	 */
	public record CertificateSummary(int position, String role, String subject, String issuer, String serialNumber,
			Instant notBefore, Instant notAfter, long daysLeft, String key, String sha256Fingerprint) {

		/**
		 * Summarizes one certificate of a chain.
		 * @param certificate the certificate
		 * @param position where it is sent, 1 for the leaf
		 * @param now the instant to count the days left from
		 * @return the summary
		 */
		public static CertificateSummary of(X509Certificate certificate, int position, Instant now) {
			Instant notAfter = certificate.getNotAfter().toInstant();
			return new CertificateSummary(position, role(certificate, position),
					certificate.getSubjectX500Principal().getName(), certificate.getIssuerX500Principal().getName(),
					ClientIdentity.serialNumber(certificate), certificate.getNotBefore().toInstant(), notAfter,
					Duration.between(now, notAfter).toDays(), CertificateChecks.describe(certificate.getPublicKey()),
					ClientIdentity.fingerprint(certificate));
		}

		private static String role(X509Certificate certificate, int position) {
			if (position == 1) {
				return "leaf";
			}
			return ClientIdentity.isSelfSigned(certificate) ? "root" : "intermediate";
		}

	}

	/**
	 * The outcome of one live request to Checkout's API host, classified as Checkout
	 * documents it.
	 *
	 * @param outcome what happened
	 * @param url the URL requested
	 * @param status the HTTP status, or {@code null} when no response arrived
	 * @param detail what it means and what to do, in a few sentences
	 */
	public record ConnectResult(Outcome outcome, URI url, @Nullable Integer status, String detail) {

		/**
		 * Whether the handshake was accepted and the CN matched.
		 * @return whether this part of the report passed
		 */
		public boolean passed() {
			return this.outcome == Outcome.CONNECTED;
		}

		/**
		 * What a live request to Checkout ended with.
		 */
		public enum Outcome {

			/**
			 * The handshake succeeded and the API answered with something other than 401.
			 */
			CONNECTED,

			/**
			 * The server refused the client certificate (a reset or an alert during the
			 * handshake).
			 */
			CLIENT_CERTIFICATE_REJECTED,

			/**
			 * This client refused the server's certificate.
			 */
			SERVER_CERTIFICATE_UNTRUSTED,

			/**
			 * The certificate was accepted but the API answered 401: the CN is not the
			 * registered one.
			 */
			COMMON_NAME_MISMATCH,

			/**
			 * No connection: the host could not be resolved or reached, or did not answer
			 * in time.
			 */
			UNREACHABLE

		}

	}

}
