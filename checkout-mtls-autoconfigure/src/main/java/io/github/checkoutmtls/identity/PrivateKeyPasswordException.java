package io.github.checkoutmtls.identity;

import org.jspecify.annotations.Nullable;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * Thrown when an encrypted private key or key store cannot be opened because its password
 * is missing or wrong. The password itself is never part of the exception.
 */
final class PrivateKeyPasswordException extends CheckoutMtlsConfigurationException {

	private PrivateKeyPasswordException(String problem, String property, @Nullable String value, String action,
			@Nullable Throwable cause) {
		super(problem, property, value, action, cause);
	}

	/**
	 * Returns the exception for encrypted material without a password.
	 * @param passwordProperty the password's property
	 * @param location the location of the encrypted material
	 * @return the exception
	 */
	static PrivateKeyPasswordException missing(String passwordProperty, String location) {
		return new PrivateKeyPasswordException(
				"Private key or key store at " + location + " is encrypted but no password is set", passwordProperty,
				null, "Set " + passwordProperty + " to the password it was encrypted with", null);
	}

	/**
	 * Returns the exception for a password the material cannot be decrypted with.
	 * @param passwordProperty the password's property
	 * @param location the location of the encrypted material
	 * @param cause the decryption's failure, or {@code null}
	 * @return the exception
	 */
	static PrivateKeyPasswordException wrongOrMissing(String passwordProperty, String location,
			@Nullable Throwable cause) {
		return new PrivateKeyPasswordException(
				"Password for the private key or key store at " + location + " is wrong or missing", passwordProperty,
				null, "Set " + passwordProperty + " to the password it was encrypted with; check it with "
						+ "'openssl pkey -noout -in KEY' or 'keytool -list -keystore STORE'",
				cause);
	}

}
