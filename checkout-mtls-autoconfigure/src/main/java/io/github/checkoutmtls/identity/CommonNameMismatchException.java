package io.github.checkoutmtls.identity;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * Thrown when the leaf's CN is missing or differs from the CN registered with Checkout
 * ({@code checkout.mtls.expected-common-name}). Checkout answers such requests with 401.
 */
public class CommonNameMismatchException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param problem what is wrong
	 * @param property the property to change
	 * @param value the property's value
	 * @param action what to do
	 */
	public CommonNameMismatchException(String problem, String property, String value, String action) {
		super(problem, property, value, action, null);
	}

}
