package io.github.checkoutmtls.identity;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when the key store has no entry to use: the configured alias is missing, there
 * is no key entry, or there are several and no alias says which one.
 */
final class KeyStoreEntryNotFoundException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param problem what is wrong, in one sentence
	 * @param property the property to change
	 * @param value the property's value (a location or name, never a secret), or
	 * {@code null}
	 * @param action what to do about it
	 * @param cause the underlying cause, or {@code null}
	 */
	KeyStoreEntryNotFoundException(String problem, String property, @Nullable String value, String action,
			@Nullable Throwable cause) {
		super(problem, property, value, action, cause);
	}

	static KeyStoreEntryNotFoundException aliasNotFound(String aliasProperty, String alias, String aliases) {
		return new KeyStoreEntryNotFoundException("Key store has no entry '" + alias + "' (aliases: " + aliases + ")",
				aliasProperty, alias, "Set " + aliasProperty + " to one of: " + aliases, null);
	}

	static KeyStoreEntryNotFoundException noKeyEntry(String property, String value, String aliases) {
		return new KeyStoreEntryNotFoundException("Key store has no private key entry (aliases: " + aliases + ")",
				property, value, "Add the key and its chain, e.g. 'openssl pkcs12 -export -in chain.pem "
						+ "-inkey client.key -out client.p12'",
				null);
	}

	static KeyStoreEntryNotFoundException severalKeyEntries(String aliasProperty, String aliases) {
		return new KeyStoreEntryNotFoundException(
				"Key store has several private key entries and no alias is set (key entries: " + aliases + ")",
				aliasProperty, null, "Set " + aliasProperty + " to one of: " + aliases, null);
	}

}
