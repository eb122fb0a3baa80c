package io.github.checkoutmtls.autoconfigure;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * Thrown in jwt mode when a secret-based client authentication is chosen without a client secret.
 */
public class MissingClientSecretException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param problem what is wrong
	 * @param property the property to change
	 * @param value the property's value, or {@code null}
	 * @param action what to do
	 */
	public MissingClientSecretException(String problem, String property, String value, String action) {
		super(problem, property, value, action, null);
	}

}
