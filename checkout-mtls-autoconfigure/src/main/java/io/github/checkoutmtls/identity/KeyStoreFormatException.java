package io.github.checkoutmtls.identity;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a key store has an unsupported type, is not a key store of the configured
 * type, or is corrupt.
 */
final class KeyStoreFormatException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param problem what is wrong, in one sentence
	 * @param property the property to change
	 * @param value the property's value (a location or name, never a secret), or
	 * {@code null}
	 * @param action what to do about it
	 * @param cause the underlying cause, or {@code null}
	 */
	KeyStoreFormatException(String problem, String property, @Nullable String value, String action,
			@Nullable Throwable cause) {
		super(problem, property, value, action, cause);
	}

	static KeyStoreFormatException unsupportedType(String property, String type) {
		return new KeyStoreFormatException("Key store type '" + type + "' is not supported", property, type,
				"Set " + property + " to PKCS12 (the default) or JKS, or convert the store with "
						+ "'keytool -importkeystore -srckeystore OLD -destkeystore new.p12 -deststoretype PKCS12'",
				null);
	}

	static KeyStoreFormatException notAKeyStore(String property, String location, String type, boolean pem,
			@Nullable Throwable cause) {
		String action = pem
				? "The file is PEM: set " + IdentityPropertyNames.CERTIFICATE + " and "
						+ IdentityPropertyNames.PRIVATE_KEY + " instead of " + property
				: "Check the file with 'keytool -list -keystore " + location + " -storetype " + type + "' and set "
						+ IdentityPropertyNames.TYPE + " to the store's type";
		return new KeyStoreFormatException("File is not a " + type + " key store or is corrupt", property, location,
				action, cause);
	}

	static KeyStoreFormatException bundleNotLoadable(String property, String bundleName, Throwable cause) {
		return new KeyStoreFormatException("Key store of the SSL bundle cannot be loaded", property, bundleName,
				"Check the spring.ssl.bundle.*." + bundleName + ".keystore properties", cause);
	}

	static KeyStoreFormatException unusable(String property, String value, Throwable cause) {
		return new KeyStoreFormatException("Key store cannot be read", property, value,
				"Check the store with 'keytool -list -v -keystore FILE'", cause);
	}

}
