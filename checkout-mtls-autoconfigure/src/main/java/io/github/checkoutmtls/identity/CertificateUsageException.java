package io.github.checkoutmtls.identity;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * Thrown when the leaf's extended key usage excludes TLS client authentication, or its
 * key usage excludes digital signatures: the certificate cannot authenticate a TLS
 * client.
 */
final class CertificateUsageException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param problem what is wrong
	 * @param property the property to change
	 * @param value the property's value
	 * @param action what to do
	 */
	CertificateUsageException(String problem, String property, String value, String action) {
		super(problem, property, value, action, null);
	}

}
