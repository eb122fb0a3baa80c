package io.github.checkoutmtls.doctor;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import io.github.checkoutmtls.identity.CertificateChecks;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.identity.Signatures;

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
		return Signatures.isSelfSigned(certificate) ? "root" : "intermediate";
	}

}
