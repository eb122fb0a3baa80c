package io.github.checkoutmtls.identity;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when the key material holds no usable certificate: binary DER instead of PEM, a
 * private key where the certificate was expected, or other PEM content.
 */
final class CertificateNotFoundException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param problem what is wrong, in one sentence
	 * @param property the property to change
	 * @param value the property's value (a location or name, never a secret), or
	 * {@code null}
	 * @param action what to do about it
	 * @param cause the underlying cause, or {@code null}
	 */
	CertificateNotFoundException(String problem, String property, @Nullable String value, String action,
			@Nullable Throwable cause) {
		super(problem, property, value, action, cause);
	}

	static CertificateNotFoundException binary(String property, String location) {
		return new CertificateNotFoundException("Certificate file is binary (DER), not PEM", property, location,
				"Convert it with 'openssl x509 -inform der -in " + location + " -out " + location + ".pem' and point "
						+ property + " at the .pem file",
				null);
	}

	static CertificateNotFoundException privateKeyOnly(String property, String location) {
		return new CertificateNotFoundException("Certificate file holds a private key but no certificate", property,
				location,
				"Check that " + IdentityPropertyNames.CERTIFICATE + " and " + IdentityPropertyNames.PRIVATE_KEY
						+ " are not swapped: the certificate file must hold CERTIFICATE blocks, leaf plus intermediates",
				null);
	}

	static CertificateNotFoundException otherContent(String property, String location, String found) {
		String action = found.contains("PKCS7")
				? "Extract the certificates with 'openssl pkcs7 -print_certs -in " + location + " -out " + location
						+ ".pem' and point " + property + " at the .pem file"
				: "Point " + property + " at a PEM file holding CERTIFICATE blocks, leaf plus intermediates";
		return new CertificateNotFoundException("Certificate file holds no CERTIFICATE block (found: " + found + ")",
				property, location, action, null);
	}

	static CertificateNotFoundException corrupt(String property, String location, @Nullable Throwable cause) {
		return new CertificateNotFoundException("Certificate file holds a CERTIFICATE block that cannot be parsed",
				property, location, "Check the file with 'openssl x509 -noout -text -in " + location
						+ "' and copy it again from where it was issued",
				cause);
	}

	static CertificateNotFoundException noChain(String property, String value, String alias) {
		return new CertificateNotFoundException("Key store entry '" + alias + "' has no certificate chain", property,
				value, "Recreate the key store with the certificate, e.g. 'openssl pkcs12 -export -in chain.pem "
						+ "-inkey client.key -out client.p12'",
				null);
	}

}
