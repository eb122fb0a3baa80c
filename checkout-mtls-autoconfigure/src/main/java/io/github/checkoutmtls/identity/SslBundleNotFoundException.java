package io.github.checkoutmtls.identity;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when the configured SSL bundle does not exist or has no key store.
 */
final class SslBundleNotFoundException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param problem what is wrong, in one sentence
	 * @param property the property to change
	 * @param value the property's value (a location or name, never a secret), or
	 * {@code null}
	 * @param action what to do about it
	 * @param cause the underlying cause, or {@code null}
	 */
	SslBundleNotFoundException(String problem, String property, @Nullable String value, String action,
			@Nullable Throwable cause) {
		super(problem, property, value, action, cause);
	}

	static SslBundleNotFoundException noSuchBundle(String property, String name, String names, Throwable cause) {
		return new SslBundleNotFoundException("SSL bundle '" + name + "' does not exist (bundles: " + names + ")",
				property, name,
				"Define it with spring.ssl.bundle.pem." + name + ".keystore.certificate and "
						+ ".private-key, or spring.ssl.bundle.jks." + name + ".keystore.location, or set " + property
						+ " to an existing bundle",
				cause);
	}

	static SslBundleNotFoundException noKeyStore(String property, String name) {
		return new SslBundleNotFoundException("SSL bundle '" + name + "' has no key store", property, name,
				"Add the client certificate and key to the bundle: spring.ssl.bundle.pem." + name
						+ ".keystore.certificate and .private-key, or spring.ssl.bundle.jks." + name
						+ ".keystore.location",
				null);
	}

}
