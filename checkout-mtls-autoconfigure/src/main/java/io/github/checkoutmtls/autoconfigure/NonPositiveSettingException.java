package io.github.checkoutmtls.autoconfigure;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * Thrown when a timeout, duration, pool size or attempt count is zero or negative.
 */
public class NonPositiveSettingException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param property the property to change
	 * @param value the property's value
	 */
	public NonPositiveSettingException(String property, String value) {
		super("'" + property + "' must be positive, but is " + value, property, value,
				"Set " + property + " to a positive value, or remove it to use the default.", null);
	}

}
