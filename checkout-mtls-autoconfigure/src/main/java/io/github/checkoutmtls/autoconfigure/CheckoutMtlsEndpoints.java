package io.github.checkoutmtls.autoconfigure;

import java.net.URI;

/**
 * The resolved Checkout hosts: the configured base URLs, or the environment's.
 *
 * @param apiBaseUrl base URL of the mTLS API host
 * @param accessBaseUrl base URL of the mTLS access host
 */
public record CheckoutMtlsEndpoints(URI apiBaseUrl, URI accessBaseUrl) {

	static final String API_BASE_URL = "checkout.mtls.api-base-url";

	static final String ACCESS_BASE_URL = "checkout.mtls.access-base-url";

	/**
	 * Resolves and validates the endpoints from the properties.
	 * @param properties the properties
	 * @return the endpoints
	 * @throws InvalidBaseUrlException when a URL is not an absolute https URL
	 */
	public static CheckoutMtlsEndpoints from(CheckoutMtlsProperties properties) {
		CheckoutEnvironment environment = properties.getEnvironment();
		URI api = (properties.getApiBaseUrl() != null) ? properties.getApiBaseUrl() : environment.apiBaseUrl();
		URI access = (properties.getAccessBaseUrl() != null) ? properties.getAccessBaseUrl()
				: environment.accessBaseUrl();
		return new CheckoutMtlsEndpoints(requireHttps(API_BASE_URL, api), requireHttps(ACCESS_BASE_URL, access));
	}

	private static URI requireHttps(String property, URI url) {
		if (url.getUserInfo() != null) {
			throw new InvalidBaseUrlException("A Checkout base URL must not carry credentials", property,
					null, "Remove the user information from the URL: Checkout's mTLS hosts authenticate by certificate.");
		}
		if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
			throw new InvalidBaseUrlException("Checkout's mTLS hosts are reached over https only; '" + url
					+ "' is not an absolute https URL", property, url.toString(),
					"Use an https URL such as https://mtls.api.sandbox.checkout.com, or remove the property to use"
							+ " the environment's host.");
		}
		return url;
	}

}
