package io.github.checkoutmtls.test.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;

/**
 * A certificate and its private key.
 *
 * <p>
 * {@link #toString()} describes the certificate only; the key is never printed.
 *
 * @param certificate the certificate
 * @param privateKey the private key matching the certificate's public key
 */
public record CertificateAndKey(X509Certificate certificate, PrivateKey privateKey) {

	/**
	 * Creates a new instance.
	 * @param certificate the certificate
	 * @param privateKey the private key matching the certificate's public key
	 */
	public CertificateAndKey {
		Objects.requireNonNull(certificate, "'certificate' must not be null");
		Objects.requireNonNull(privateKey, "'privateKey' must not be null");
	}

	/**
	 * Returns the certificate's subject distinguished name (RFC 2253).
	 * @return the subject
	 */
	public String subject() {
		return this.certificate.getSubjectX500Principal().getName();
	}

	/**
	 * Returns the RFC 8705 {@code x5t#S256} thumbprint of the certificate: base64url,
	 * without padding, of the SHA-256 of its DER encoding.
	 * @return the thumbprint
	 */
	public String thumbprint() {
		return thumbprint(this.certificate);
	}

	/**
	 * Returns the RFC 8705 {@code x5t#S256} thumbprint of a certificate.
	 * @param certificate the certificate
	 * @return base64url, without padding, of the SHA-256 of the certificate's DER
	 * encoding
	 */
	public static String thumbprint(X509Certificate certificate) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException | CertificateEncodingException ex) {
			throw new TestPkiException("Cannot compute the thumbprint of " + certificate.getSubjectX500Principal(), ex);
		}
	}

	@Override
	public String toString() {
		return "CertificateAndKey[subject=" + subject() + ", issuer="
				+ this.certificate.getIssuerX500Principal().getName() + ", serial="
				+ this.certificate.getSerialNumber().toString(16) + ", key=" + this.privateKey.getAlgorithm() + "]";
	}

}
