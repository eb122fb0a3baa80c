package io.github.checkoutmtls.identity;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/**
 * Signature checks between certificates, with the JCA's checked exceptions kept inside.
 */
final class Signatures {

	private Signatures() {
	}

	/**
	 * Whether {@code certificate} is signed by the key of {@code issuer}.
	 * @param certificate the certificate to check
	 * @param issuer the candidate issuer
	 * @return whether the signature verifies
	 */
	static boolean verifies(X509Certificate certificate, X509Certificate issuer) {
		try {
			certificate.verify(issuer.getPublicKey());
			return true;
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Whether a certificate names itself as issuer and is signed by its own key.
	 * @param certificate the certificate
	 * @return whether it is self-signed
	 */
	static boolean isSelfSigned(X509Certificate certificate) {
		return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
				&& verifies(certificate, certificate);
	}

}
