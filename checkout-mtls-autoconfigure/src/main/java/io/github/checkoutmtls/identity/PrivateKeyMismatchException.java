package io.github.checkoutmtls.identity;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when the private key belongs to none of the certificates it was configured with.
 */
public class PrivateKeyMismatchException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param problem what is wrong, in one sentence
	 * @param property the property to change
	 * @param value the property's value (a location or name, never a secret), or
	 * {@code null}
	 * @param action what to do about it
	 * @param cause the underlying cause, or {@code null}
	 */
	public PrivateKeyMismatchException(String problem, String property, @Nullable String value, String action,
			@Nullable Throwable cause) {
		super(problem, property, value, action, cause);
	}

	static PrivateKeyMismatchException noCertificateForKey(String property, String value, String subjects) {
		return new PrivateKeyMismatchException(
				"Private key matches none of the certificates (subjects: " + subjects + ")", property, value,
				"Configure the certificate issued for this key: the outputs of "
						+ "'openssl x509 -noout -pubkey -in CERT' and 'openssl pkey -pubout -in KEY' must be equal",
				null);
	}

}
