package io.github.checkoutmtls.autoconfigure;

import java.net.URI;

/**
 * The resolved Checkout hosts: the configured base URLs, or the environment's.
 *
 * @param apiBaseUrl base URL of the mTLS API host
 * @param accessBaseUrl base URL of the mTLS access host
 */
public record CheckoutMtlsHosts(URI apiBaseUrl, URI accessBaseUrl) {

	/**
	 * Resolves the endpoints from the properties, which have checked that a configured
	 * URL is https.
	 * @param properties the properties
	 * @return the endpoints
	 */
	public static CheckoutMtlsHosts from(CheckoutMtlsProperties properties) {
		CheckoutEnvironment environment = properties.getEnvironment();
		URI api = (properties.getApiBaseUrl() != null) ? properties.getApiBaseUrl() : environment.apiBaseUrl();
		URI access = (properties.getAccessBaseUrl() != null) ? properties.getAccessBaseUrl()
				: environment.accessBaseUrl();
		return new CheckoutMtlsHosts(api, access);
	}

}
