package io.github.checkoutmtls.autoconfigure;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * Thrown when the configuration names no source of client key material, or more than one.
 */
final class KeyMaterialSourceException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param problem what is wrong
	 * @param property the property to change
	 * @param value the properties that are set
	 */
	KeyMaterialSourceException(String problem, String property, String value) {
		super(problem, property, value,
				"Set exactly one of: checkout.mtls.pem.certificate and checkout.mtls.pem.private-key (PEM"
						+ " files), checkout.mtls.keystore.location (PKCS#12 or JKS), or checkout.mtls.ssl.bundle (the"
						+ " name of a spring.ssl.bundle). To run without the Checkout client, set"
						+ " checkout.mtls.enabled=false.",
				null);
	}

}
