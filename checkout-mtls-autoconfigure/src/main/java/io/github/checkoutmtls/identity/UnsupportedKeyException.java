package io.github.checkoutmtls.identity;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * Thrown when the client key is too weak to protect payment credentials (RSA below 2048
 * bits).
 */
final class UnsupportedKeyException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param problem what is wrong
	 * @param property the property to change
	 * @param value the property's value
	 * @param action what to do
	 */
	UnsupportedKeyException(String problem, String property, String value, String action) {
		super(problem, property, value, action, null);
	}

}
