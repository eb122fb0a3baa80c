package io.github.checkoutmtls.autoconfigure;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * Thrown when a Checkout base URL is not an absolute {@code https} URL, or is a host that cannot serve
 * the configured authentication mode.
 */
public class InvalidBaseUrlException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param problem what is wrong
	 * @param property the property to change
	 * @param value the URL
	 * @param action what to do
	 */
	public InvalidBaseUrlException(String problem, String property, String value, String action) {
		super(problem, property, value, action, null);
	}

}
