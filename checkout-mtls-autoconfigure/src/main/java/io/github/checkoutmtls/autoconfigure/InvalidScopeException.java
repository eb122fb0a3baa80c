package io.github.checkoutmtls.autoconfigure;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * Thrown in jwt mode when a configured scope is empty or contains white space; scopes are sent space-separated.
 */
public class InvalidScopeException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param problem what is wrong
	 * @param property the property to change
	 * @param value the property's value, or {@code null}
	 * @param action what to do
	 */
	public InvalidScopeException(String problem, String property, String value, String action) {
		super(problem, property, value, action, null);
	}

}
