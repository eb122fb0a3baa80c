package io.github.checkoutmtls.identity;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * Thrown when the client certificate chain cannot be built: an issuer is missing or a
 * certificate is not signed by the next one. Checkout resets the connection when it
 * cannot build the chain.
 */
final class IncompleteCertificateChainException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param problem what is wrong
	 * @param property the property to change
	 * @param value the property's value
	 * @param action what to do
	 */
	IncompleteCertificateChainException(String problem, String property, String value, String action) {
		super(problem, property, value, action, null);
	}

}
