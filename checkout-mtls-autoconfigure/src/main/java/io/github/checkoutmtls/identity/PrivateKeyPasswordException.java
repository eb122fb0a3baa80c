package io.github.checkoutmtls.identity;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when an encrypted private key or key store cannot be opened because its password
 * is missing or wrong. The password itself is never part of the exception.
 */
public class PrivateKeyPasswordException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param problem what is wrong, in one sentence
	 * @param property the property to change
	 * @param value the property's value (a location or name, never a secret), or
	 * {@code null}
	 * @param action what to do about it
	 * @param cause the underlying cause, or {@code null}
	 */
	public PrivateKeyPasswordException(String problem, String property, @Nullable String value, String action,
			@Nullable Throwable cause) {
		super(problem, property, value, action, cause);
	}

	static PrivateKeyPasswordException missing(String passwordProperty, String location) {
		return new PrivateKeyPasswordException(
				"Private key or key store at " + location + " is encrypted but no password is set", passwordProperty,
				null, "Set " + passwordProperty + " to the password it was encrypted with", null);
	}

	static PrivateKeyPasswordException wrongOrMissing(String passwordProperty, String location,
			@Nullable Throwable cause) {
		return new PrivateKeyPasswordException(
				"Password for the private key or key store at " + location + " is wrong or missing", passwordProperty,
				null, "Set " + passwordProperty + " to the password it was encrypted with; check it with "
						+ "'openssl pkey -noout -in KEY' or 'keytool -list -keystore STORE'",
				cause);
	}

}
