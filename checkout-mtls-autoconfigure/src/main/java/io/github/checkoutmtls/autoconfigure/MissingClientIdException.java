package io.github.checkoutmtls.autoconfigure;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * Thrown in jwt mode when no client id is configured.
 */
public class MissingClientIdException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param problem what is wrong
	 * @param property the property to change
	 * @param value the property's value, or {@code null}
	 * @param action what to do
	 */
	public MissingClientIdException(String problem, String property, String value, String action) {
		super(problem, property, value, action, null);
	}

}
