package io.github.checkoutmtls.doctor;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.checkoutmtls.doctor.DoctorReport.CertificateSummary;
import io.github.checkoutmtls.identity.CertificateChecks;
import io.github.checkoutmtls.identity.ClientIdentity;

/**
 * Builds {@link DoctorReport reports} of a loaded identity: runs the same checks as
 * startup and finds the roots to register. The {@code checkoutmtls} actuator endpoint and
 * the {@code checkout-mtls-doctor} command line both report through it.
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
	 * Reports on a loaded identity, with the roots found in its chain or among the
	 * registered roots.
	 * @param identity the identity
	 * @return the report
	 */
	public DoctorReport examine(ClientIdentity identity) {
		return examine(identity, List.of());
	}

	/**
	 * Reports on a loaded identity, with the roots the user gave when there are any.
	 * @param loaded the identity
	 * @param givenRoots roots the user says issued the chain, possibly empty
	 * @return the report
	 */
	public DoctorReport examine(ClientIdentity loaded, List<X509Certificate> givenRoots) {
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
