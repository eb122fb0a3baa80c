package io.github.checkoutmtls.identity;

import org.jspecify.annotations.Nullable;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * Thrown when the private key belongs to none of the certificates it was configured with.
 */
final class PrivateKeyMismatchException extends CheckoutMtlsConfigurationException {

	private PrivateKeyMismatchException(String problem, String property, @Nullable String value, String action,
			@Nullable Throwable cause) {
		super(problem, property, value, action, cause);
	}

	/**
	 * Returns the exception for a key that matches none of the certificates.
	 * @param property the key's property
	 * @param value the key's location
	 * @param subjects the subjects of the certificates found
	 * @return the exception
	 */
	static PrivateKeyMismatchException noCertificateForKey(String property, String value, String subjects) {
		return new PrivateKeyMismatchException(
				"Private key matches none of the certificates (subjects: " + subjects + ")", property, value,
				"Configure the certificate issued for this key: the outputs of "
						+ "'openssl x509 -noout -pubkey -in CERT' and 'openssl pkey -pubout -in KEY' must be equal",
				null);
	}

}
