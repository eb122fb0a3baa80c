package io.github.checkoutmtls.autoconfigure;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * Thrown when jwt mode is configured but spring-security-oauth2-client is not on the
 * classpath.
 */
final class AuthModeUnavailableException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param problem what is wrong
	 * @param property the property to change
	 * @param value the property's value, or {@code null}
	 * @param action what to do
	 */
	AuthModeUnavailableException(String problem, String property, String value, String action) {
		super(problem, property, value, action, null);
	}

}
