package io.github.checkoutmtls.identity;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * Thrown when a certificate of the client chain has expired or is not yet valid.
 */
final class CertificateValidityException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param problem what is wrong
	 * @param property the property to change
	 * @param value the property's value
	 * @param action what to do
	 */
	CertificateValidityException(String problem, String property, String value, String action) {
		super(problem, property, value, action, null);
	}

}
