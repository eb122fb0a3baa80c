package io.github.checkoutmtls.doctor.cli;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.UnaryOperator;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;
import io.github.checkoutmtls.doctor.DoctorReport;
import io.github.checkoutmtls.doctor.DoctorReport.CertificateSummary;
import io.github.checkoutmtls.doctor.DoctorReport.ConnectResult;
import io.github.checkoutmtls.doctor.RootCertificates;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.identity.Finding;

/**
 * Renders a {@link DoctorReport} as the plain text the {@code doctor} command prints.
 */
final class DoctorReportPrinter {

	/**
	 * The property that makes startup check the chain against the roots registered with
	 * Checkout.
	 */
	static final String REGISTERED_ROOTS = "checkout.mtls.registered-roots";

	private static final String NL = System.lineSeparator();

	private final UnaryOperator<String> settingLabel;

	/**
	 * Creates a printer that names settings by their property names.
	 */
	DoctorReportPrinter() {
		this(UnaryOperator.identity());
	}

	/**
	 * Creates a printer that names settings its own way, e.g. by the command line option
	 * that sets them.
	 * @param settingLabel turns a property name into the label to print
	 */
	DoctorReportPrinter(UnaryOperator<String> settingLabel) {
		this.settingLabel = settingLabel;
	}

	/**
	 * Renders a report.
	 * @param report the report
	 * @return the text, one line per fact, ending with the result and exit code
	 */
	String render(DoctorReport report) {
		StringBuilder out = new StringBuilder();
		line(out, "Checkout mTLS doctor");
		line(out, "Source: " + report.source());
		if (report.failure() != null) {
			failure(out, report.failure());
		}
		else {
			chain(out, report.certificates());
			checks(out, report.findings());
			registration(out, report);
		}
		if (report.connection() != null) {
			connection(out, report.connection());
		}
		result(out, report);
		return out.toString();
	}

	private void failure(StringBuilder out, CheckoutMtlsConfigurationException failure) {
		line(out, "");
		line(out, "[FAIL] The key material could not be used: " + failure.getProblem() + ".");
		setting(out, failure);
		line(out, "       Fix: " + failure.getAction());
	}

	private void chain(StringBuilder out, List<CertificateSummary> certificates) {
		line(out, "");
		line(out, "Certificate chain, in the order it is sent (" + certificates.size() + " certificate(s)):");
		for (CertificateSummary certificate : certificates) {
			line(out, "  " + certificate.position() + ". " + certificate.role());
			line(out, "     Subject: " + certificate.subject());
			line(out, "     Issuer:  " + certificate.issuer());
			line(out, "     Serial:  " + certificate.serialNumber());
			line(out, "     Valid:   " + certificate.notBefore() + " to " + certificate.notAfter() + " ("
					+ daysLeft(certificate.daysLeft()) + ")");
			line(out, "     Key:     " + certificate.key());
			line(out, "     SHA-256: " + certificate.sha256Fingerprint());
		}
	}

	private static String daysLeft(long days) {
		return (days < 0) ? "expired " + -days + " day(s) ago" : days + " day(s) left";
	}

	private void checks(StringBuilder out, List<Finding> findings) {
		line(out, "");
		line(out, "Checks:");
		for (Finding finding : findings) {
			line(out, "  [" + finding.status() + "] " + finding.check() + ": " + sentence(finding.summary()));
			if (finding.failure() != null) {
				line(out, "         Fix: " + finding.failure().getAction());
				out.append("  ");
				setting(out, finding.failure());
			}
		}
	}

	private void setting(StringBuilder out, CheckoutMtlsConfigurationException failure) {
		String value = (failure.getValue() != null) ? " = " + failure.getValue() : "";
		line(out, "       Setting: " + this.settingLabel.apply(failure.getProperty()) + value);
	}

	private void registration(StringBuilder out, DoctorReport report) {
		line(out, "");
		line(out, "To register with Checkout:");
		if (report.commonName() != null) {
			line(out, "  Register this CN with Checkout: " + report.commonName());
		}
		RootCertificates roots = report.roots();
		String mark = roots.passed() ? "" : "[FAIL] ";
		line(out, "  Root certificate(s): " + mark + roots.message());
		for (X509Certificate root : roots.certificates()) {
			line(out, "    " + root.getSubjectX500Principal().getName() + ", SHA-256 "
					+ ClientIdentity.fingerprint(root) + ", expires " + root.getNotAfter().toInstant());
		}
		if (roots.file() != null) {
			line(out, "  Send Checkout this file: " + roots.file().toAbsolutePath());
			// The same file makes startup check the chain against the registered roots
			// and track their expiry.
			line(out, "  Then set " + REGISTERED_ROOTS + "=file:" + roots.file().toAbsolutePath());
		}
	}

	private void connection(StringBuilder out, ConnectResult connection) {
		line(out, "");
		line(out, "Live handshake with " + connection.url() + ":");
		String status = (connection.status() != null) ? " (HTTP " + connection.status() + ")" : "";
		line(out, "  [" + (connection.passed() ? "PASS" : "FAIL") + "] " + connection.outcome() + status);
		line(out, "  " + connection.detail());
	}

	private void result(StringBuilder out, DoctorReport report) {
		line(out, "");
		String verdict = report.passed() ? "PASS: every check passed" : "FAIL: " + failures(report);
		line(out, "Result: " + verdict + " (exit code " + report.exitCode() + ")");
	}

	private static String failures(DoctorReport report) {
		if (report.failure() != null) {
			return "the key material could not be used";
		}
		int count = report.failedFindings().size() + (report.roots().passed() ? 0 : 1)
				+ ((report.connection() == null || report.connection().passed()) ? 0 : 1);
		return count + " problem(s) to fix before Checkout will accept this client";
	}

	private static String sentence(String text) {
		return text.endsWith(".") ? text : text + ".";
	}

	private static void line(StringBuilder out, String text) {
		out.append(text).append(NL);
	}

}
