package io.github.checkoutmtls.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads and writes files of PEM certificates that are not client key material: a root the user points
 * at, the server CAs to trust, the roots to send to Checkout.
 */
public final class PemCertificateFile {

	private static final Base64.Encoder ENCODER = Base64.getMimeEncoder(64, new byte[] { '\n' });

	private PemCertificateFile() {
	}

	/**
	 * Reads every certificate of a PEM (or DER) file.
	 * @param file the file
	 * @param option the option that named it, for the error
	 * @return the certificates, at least one
	 * @throws DoctorInputException when the file cannot be read or holds no certificate
	 */
	public static List<X509Certificate> read(Path file, String option) {
		try (InputStream input = Files.newInputStream(file)) {
			List<X509Certificate> certificates = new ArrayList<>();
			CertificateFactory.getInstance("X.509")
				.generateCertificates(input)
				.forEach((certificate) -> certificates.add((X509Certificate) certificate));
			if (certificates.isEmpty()) {
				throw new DoctorInputException("The file holds no certificate", option, file.toString(),
						"Point " + option + " at a PEM file of CA certificates.", null);
			}
			return List.copyOf(certificates);
		}
		catch (IOException ex) {
			throw new DoctorInputException("The file cannot be read", option, file.toString(),
					"Check that the file exists and is readable.", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new DoctorInputException("The file is not PEM certificates", option, file.toString(),
					"Point " + option + " at a PEM file of CA certificates.", ex);
		}
	}

	/**
	 * Writes certificates as concatenated PEM blocks.
	 * @param file the file, replaced if it exists
	 * @param certificates the certificates
	 * @param option the option that named the file, for the error
	 * @return the file
	 * @throws DoctorInputException when the file cannot be written
	 */
	public static Path write(Path file, List<X509Certificate> certificates, String option) {
		try {
			return Files.writeString(file, encode(certificates), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new DoctorInputException("The roots file cannot be written", option, file.toString(),
					"Choose a writable location with " + option + ".", ex);
		}
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
