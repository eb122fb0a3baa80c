package io.github.checkoutmtls.doctor;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * Encodes certificates as PEM, the form Checkout takes roots in and the doctor writes
 * them.
 */
public final class PemCertificateFile {

	private static final Base64.Encoder ENCODER = Base64.getMimeEncoder(64, new byte[] { '\n' });

	private PemCertificateFile() {
	}

	/**
	 * Encodes certificates as concatenated PEM blocks.
	 * @param certificates the certificates
	 * @return the PEM text
	 */
	public static String encode(List<X509Certificate> certificates) {
		StringBuilder pem = new StringBuilder();
		for (X509Certificate certificate : certificates) {
			pem.append("-----BEGIN CERTIFICATE-----\n")
				.append(ENCODER.encodeToString(der(certificate)))
				.append("\n-----END CERTIFICATE-----\n");
		}
		return pem.toString();
	}

	private static byte[] der(X509Certificate certificate) {
		try {
			return certificate.getEncoded();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot encode " + certificate.getSubjectX500Principal(), ex);
		}
	}

}
