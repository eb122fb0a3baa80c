package io.github.checkoutmtls.autoconfigure;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * Thrown when the CA certificates trusted for the server cannot be read.
 */
public class TrustMaterialException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param problem what is wrong
	 * @param property the property to change
	 * @param value the location
	 * @param cause the cause, or {@code null}
	 */
	public TrustMaterialException(String problem, String property, String value, Throwable cause) {
		super(problem, property, value,
				"Point the property at a readable PEM file of the CA certificates that issued the server's"
						+ " certificate, or remove it to trust the JVM's trust store (right for Checkout's own hosts).",
				cause);
	}

}
