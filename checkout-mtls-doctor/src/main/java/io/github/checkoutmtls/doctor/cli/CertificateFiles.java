package io.github.checkoutmtls.doctor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import io.github.checkoutmtls.doctor.RootCertificates;

/**
 * Reads and writes the files of PEM certificates the command takes besides the key
 * material: a root the user points at, the server CAs to trust, the roots to send to
 * Checkout.
 */
final class CertificateFiles {

	private CertificateFiles() {
	}

	/**
	 * Reads every certificate of a PEM (or DER) file.
	 * @param file the file
	 * @param option the option that named it, for the error
	 * @return the certificates, at least one
	 * @throws DoctorInputException when the file cannot be read or holds no certificate
	 */
	static List<X509Certificate> read(Path file, String option) {
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
	static Path write(Path file, List<X509Certificate> certificates, String option) {
		try {
			return Files.writeString(file, RootCertificates.pem(certificates), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new DoctorInputException("The roots file cannot be written", option, file.toString(),
					"Choose a writable location with " + option + ".", ex);
		}
	}

}
