package io.github.checkoutmtls.identity;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * Thrown when the client key is of a type or size Checkout's mTLS edge does not accept: RSA 2048 to
 * 4096 bits, or EC on P-256 or P-384.
 */
public class UnsupportedKeyException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param problem what is wrong
	 * @param property the property to change
	 * @param value the property's value
	 * @param action what to do
	 */
	public UnsupportedKeyException(String problem, String property, String value, String action) {
		super(problem, property, value, action, null);
	}

}
