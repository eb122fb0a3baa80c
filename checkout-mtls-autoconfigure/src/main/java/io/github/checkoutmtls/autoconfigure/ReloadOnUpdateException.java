package io.github.checkoutmtls.autoconfigure;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * Thrown when {@code checkout.mtls.keystore.reload-on-update} is set but there is nothing it can watch,
 * or its check interval is not positive.
 */
public class ReloadOnUpdateException extends CheckoutMtlsConfigurationException {

	ReloadOnUpdateException(String problem, String property, String value, String action) {
		super(problem, property, value, action, null);
	}

}
