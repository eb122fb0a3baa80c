package io.github.checkoutmtls.doctor.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;
import io.github.checkoutmtls.doctor.Doctor;
import io.github.checkoutmtls.doctor.DoctorReport;
import io.github.checkoutmtls.doctor.RootCertificates;
import io.github.checkoutmtls.identity.ClientIdentity;

/**
 * One run of the command: loads the material a request names, reports on it through the
 * {@link Doctor}, writes the roots to send to Checkout and, when asked, makes a live
 * handshake.
 */
final class DoctorRun {

	private final Doctor doctor;

	private final Clock clock;

	DoctorRun(Doctor doctor, Clock clock) {
		this.doctor = doctor;
		this.clock = clock;
	}

	/**
	 * Loads the material a request names and reports on it. Problems with the material or
	 * the files the request names become a failed report rather than an exception.
	 * @param request what to examine
	 * @return the report
	 */
	DoctorReport run(DoctorRequest request) {
		try {
			ClientIdentity identity = request.loader().load();
			List<X509Certificate> givenRoots = (request.root() != null)
					? CertificateFiles.read(request.root(), DoctorRequest.ROOT) : List.of();
			ConnectProbe probe = (request.connectTo() != null) ? probe(request) : null;
			DoctorReport report = this.doctor.examine(identity, givenRoots);
			if (request.rootsOut() != null && !report.roots().certificates().isEmpty()) {
				report = report.withRoots(write(report.roots(), request.rootsOut()));
			}
			if (probe != null) {
				report = report.withConnection(probe.probe(identity));
			}
			return report;
		}
		catch (CheckoutMtlsConfigurationException ex) {
			return DoctorReport.failed(request.source(), ex);
		}
	}

	// A file that cannot be written leaves the rest of the report as it is: the material
	// was examined all the same.
	private static RootCertificates write(RootCertificates roots, Path file) {
		try {
			CertificateFiles.write(file, roots.certificates(), DoctorRequest.ROOTS_OUT);
			return roots.writtenTo(file);
		}
		catch (CheckoutMtlsConfigurationException ex) {
			return new RootCertificates(roots.status(), roots.certificates(), roots.message() + " They could not be"
					+ " written to " + file + ": " + ex.getProblem() + ". " + ex.getAction(), null);
		}
	}

	private ConnectProbe probe(DoctorRequest request) {
		List<X509Certificate> trust = (request.trustCertificates() != null)
				? CertificateFiles.read(request.trustCertificates(), DoctorRequest.TRUST_CERTIFICATES) : List.of();
		return new ConnectProbe(request.connectTo(), trust, this.clock);
	}

}
