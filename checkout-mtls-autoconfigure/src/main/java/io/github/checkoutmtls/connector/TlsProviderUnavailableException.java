package io.github.checkoutmtls.connector;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * Thrown when the OpenSSL provider is asked for but netty-tcnative is not on the
 * classpath.
 */
final class TlsProviderUnavailableException extends CheckoutMtlsConfigurationException {

	/**
	 * The property that chooses the provider.
	 */
	static final String PROPERTY = "checkout.mtls.http.tls-provider";

	TlsProviderUnavailableException(Throwable cause) {
		super("The OpenSSL TLS provider is not available: netty-tcnative is not on the classpath or cannot load"
				+ " its native library", PROPERTY, "openssl",
				"Add io.netty:netty-tcnative-boringssl-static (its version is managed by Netty's BOM), or set "
						+ PROPERTY + " to auto or jdk.",
				cause);
	}

}
