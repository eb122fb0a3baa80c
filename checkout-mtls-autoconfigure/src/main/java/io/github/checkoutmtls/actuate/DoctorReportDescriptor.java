package io.github.checkoutmtls.actuate;

import java.security.cert.X509Certificate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;
import io.github.checkoutmtls.doctor.DoctorReport;
import io.github.checkoutmtls.doctor.DoctorReport.CertificateSummary;
import io.github.checkoutmtls.doctor.DoctorReport.ConnectResult;
import io.github.checkoutmtls.doctor.RootCertificates;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.identity.Finding;

/**
 * A {@link DoctorReport} as plain values that serialize to JSON: certificates, checks,
 * the CN and roots to register. It holds public facts only, never a key or a password.
 *
 * @param status {@code PASS} or {@code FAIL}
 * @param source where the material came from
 * @param commonName the leaf's CN, to register with Checkout
 * @param thumbprint the RFC 8705 {@code x5t#S256} of the leaf
 * @param certificates the chain, in the order it is sent
 * @param checks one entry per check, in order
 * @param roots the roots to send to Checkout
 * @param connection the live handshake's outcome, or {@code null}
 * @param failure why the material could not be loaded, or {@code null}
 */
record DoctorReportDescriptor(String status, String source, @Nullable String commonName, @Nullable String thumbprint,
		List<CertificateSummary> certificates, List<Check> checks, @Nullable Roots roots,
		@Nullable ConnectResult connection, @Nullable Check failure) {

	/**
	 * Describes a report.
	 * @param report the report
	 * @return its descriptor
	 */
	public static DoctorReportDescriptor of(DoctorReport report) {
		return new DoctorReportDescriptor(report.passed() ? "PASS" : "FAIL", report.source(), report.commonName(),
				report.thumbprint(), report.certificates(), report.findings().stream().map(Check::of).toList(),
				(report.roots() != null) ? Roots.of(report.roots()) : null, report.connection(),
				(report.failure() != null) ? Check.of("load", "FAIL", report.failure()) : null);
	}

	/**
	 * One check's outcome.
	 *
	 * @param check the check's name
	 * @param status {@code PASS}, {@code WARN} or {@code FAIL}
	 * @param summary what was found
	 * @param property the setting to change on failure, or {@code null}
	 * @param value the setting's value on failure (never a secret), or {@code null}
	 * @param action the fix on failure, or {@code null}
	 */
	public record Check(String check, String status, String summary, @Nullable String property, @Nullable String value,
			@Nullable String action) {

		static Check of(Finding finding) {
			return (finding.failure() != null) ? of(finding.check(), finding.status().name(), finding.failure())
					: new Check(finding.check(), finding.status().name(), finding.summary(), null, null, null);
		}

		static Check of(String check, String status, CheckoutMtlsConfigurationException failure) {
			return new Check(check, status, failure.getProblem(), failure.getProperty(), failure.getValue(),
					failure.getAction());
		}

	}

	/**
	 * The roots to send to Checkout.
	 *
	 * @param status where they were found
	 * @param message what was found
	 * @param certificates each root's subject, fingerprint and PEM
	 */
	public record Roots(String status, String message, List<Root> certificates) {

		static Roots of(RootCertificates roots) {
			return new Roots(roots.status().name(), roots.message(),
					roots.certificates().stream().map(Root::of).toList());
		}

	}

	/**
	 * One root certificate, public by nature.
	 *
	 * @param subject the subject distinguished name
	 * @param sha256Fingerprint SHA-256 of the DER encoding
	 * @param pem the certificate as PEM, to send to Checkout
	 */
	public record Root(String subject, String sha256Fingerprint, String pem) {

		static Root of(X509Certificate certificate) {
			return new Root(certificate.getSubjectX500Principal().getName(), ClientIdentity.fingerprint(certificate),
					RootCertificates.pem(List.of(certificate)));
		}

	}

}
