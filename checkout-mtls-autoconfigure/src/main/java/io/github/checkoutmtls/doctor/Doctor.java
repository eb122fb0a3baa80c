package io.github.checkoutmtls.doctor;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;
import io.github.checkoutmtls.identity.CertificateChecks;
import io.github.checkoutmtls.identity.ClientIdentity;

/**
 * Builds {@link DoctorReport reports}: reads the identity once, runs the same checks as startup,
 * finds the roots to register and, when asked, makes a live handshake.
 */
public final class Doctor {

	private final CertificateChecks checks;

	private final Clock clock;

	/**
	 * Creates a doctor.
	 * @param checks the checks to run, as configured for startup
	 * @param clock the clock for the days left
	 */
	public Doctor(CertificateChecks checks, Clock clock) {
		this.checks = checks;
		this.clock = clock;
	}

	/**
	 * Reports on a loaded identity, with the roots found in its chain and no live handshake.
	 * @param identity the identity
	 * @return the report
	 */
	public DoctorReport examine(ClientIdentity identity) {
		return examine(identity, List.of());
	}

	/**
	 * Loads the material a request names and reports on it. Problems with the material or the files the
	 * request names become a failed report rather than an exception.
	 * @param request what to examine
	 * @return the report
	 */
	public DoctorReport run(DoctorRequest request) {
		try {
			ClientIdentity identity = request.loader().load();
			List<X509Certificate> givenRoots = (request.root() != null)
					? PemCertificateFile.read(request.root(), DoctorRequest.ROOT) : List.of();
			ConnectProbe probe = (request.connectTo() != null) ? probe(request) : null;
			DoctorReport report = examine(identity, givenRoots);
			if (request.rootsOut() != null && !report.roots().certificates().isEmpty()) {
				PemCertificateFile.write(request.rootsOut(), report.roots().certificates(), DoctorRequest.ROOTS_OUT);
				report = report.withRoots(report.roots().writtenTo(request.rootsOut()));
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

	private ConnectProbe probe(DoctorRequest request) {
		List<X509Certificate> trust = (request.trustCertificates() != null)
				? PemCertificateFile.read(request.trustCertificates(), DoctorRequest.TRUST_CERTIFICATES) : List.of();
		return new ConnectProbe(request.connectTo(), trust, this.clock);
	}

	private DoctorReport examine(ClientIdentity loaded, List<X509Certificate> givenRoots) {
		ClientIdentity identity = this.checks.anchor(loaded);
		Instant now = this.clock.instant();
		List<CertificateSummary> certificates = new ArrayList<>();
		for (int i = 0; i < identity.chain().size(); i++) {
			certificates.add(CertificateSummary.of(identity.chain().get(i), i + 1, now));
		}
		return new DoctorReport(identity.source(), certificates, this.checks.run(identity), identity.commonName(),
				identity.thumbprint(), RootCertificates.of(identity.chain(), roots(identity, givenRoots)), null, null);
	}

	private static List<X509Certificate> roots(ClientIdentity identity, List<X509Certificate> givenRoots) {
		X509Certificate registered = identity.registeredRoot();
		return (givenRoots.isEmpty() && registered != null) ? List.of(registered) : givenRoots;
	}

}
