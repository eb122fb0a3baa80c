package io.github.checkoutmtls.identity;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * Thrown when the client certificate is self-signed or issued by a public CA: Checkout
 * accepts only certificates issued by the merchant's private CA.
 */
final class UnsupportedCertificateIssuerException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param problem what is wrong
	 * @param property the property to change
	 * @param value the property's value
	 * @param action what to do
	 */
	UnsupportedCertificateIssuerException(String problem, String property, String value, String action) {
		super(problem, property, value, action, null);
	}

}
