package io.github.checkoutmtls.identity;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when the key material holds no usable private key: a certificate only,
 * unreadable content, an unsupported key type, or a key store alias that is not a key
 * entry.
 */
final class PrivateKeyNotFoundException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param problem what is wrong, in one sentence
	 * @param property the property to change
	 * @param value the property's value (a location or name, never a secret), or
	 * {@code null}
	 * @param action what to do about it
	 * @param cause the underlying cause, or {@code null}
	 */
	PrivateKeyNotFoundException(String problem, String property, @Nullable String value, String action,
			@Nullable Throwable cause) {
		super(problem, property, value, action, cause);
	}

	static PrivateKeyNotFoundException certificateOnly(String property, String location) {
		return new PrivateKeyNotFoundException("Private key file holds certificates but no private key", property,
				location, "Point " + property + " at the key file (a PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY "
						+ "block), e.g. the -keyout of 'openssl req'",
				null);
	}

	static PrivateKeyNotFoundException binary(String property, String location) {
		return new PrivateKeyNotFoundException("Private key file is binary (DER), not PEM", property, location,
				"Convert it with 'openssl pkey -inform der -in " + location + " -out " + location + ".pem' and point "
						+ property + " at the .pem file",
				null);
	}

	static PrivateKeyNotFoundException otherContent(String property, String location, String found) {
		return new PrivateKeyNotFoundException("Private key file holds no supported private key (found: " + found + ")",
				property, location,
				"Point " + property + " at a PEM file with a PRIVATE KEY, ENCRYPTED PRIVATE KEY, "
						+ "RSA PRIVATE KEY or EC PRIVATE KEY block; convert others with 'openssl pkey -in KEY -out key.pem'",
				null);
	}

	static PrivateKeyNotFoundException corrupt(String property, String location, @Nullable Throwable cause) {
		return new PrivateKeyNotFoundException("Private key file holds a key block that cannot be parsed", property,
				location, "Check the key with 'openssl pkey -noout -in " + location
						+ "' and copy it again from where it was created",
				cause);
	}

	static PrivateKeyNotFoundException unsupportedAlgorithm(String property, String value, String algorithm,
			@Nullable Throwable cause) {
		return new PrivateKeyNotFoundException(
				"Private key is a " + algorithm + " key; Checkout mTLS needs an RSA (2048 bits or more) or EC key",
				property, value, "Create an RSA or EC key and have the CA issue a certificate for it, e.g. "
						+ "'openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out client.key'",
				cause);
	}

	static PrivateKeyNotFoundException notKeyEntry(String property, String alias) {
		return new PrivateKeyNotFoundException("Key store entry '" + alias + "' is not a private key entry", property,
				alias, "Set " + property + " to the alias of a key entry; list them with "
						+ "'keytool -list -v -keystore FILE'",
				null);
	}

}
