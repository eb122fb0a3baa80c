package io.github.checkoutmtls.autoconfigure;

import java.net.URI;

/**
 * Checkout.com environments and their published mTLS hosts.
 */
public enum CheckoutEnvironment {

	/**
	 * Checkout's sandbox: {@code mtls.api.sandbox.checkout.com} and
	 * {@code mtls.access.sandbox.checkout.com}.
	 */
	SANDBOX("https://mtls.api.sandbox.checkout.com", "https://mtls.access.sandbox.checkout.com"),

	/**
	 * Checkout's production: {@code mtls.api.checkout.com} and
	 * {@code mtls.access.checkout.com}.
	 */
	PRODUCTION("https://mtls.api.checkout.com", "https://mtls.access.checkout.com");

	private final URI apiBaseUrl;

	private final URI accessBaseUrl;

	CheckoutEnvironment(String apiBaseUrl, String accessBaseUrl) {
		this.apiBaseUrl = URI.create(apiBaseUrl);
		this.accessBaseUrl = URI.create(accessBaseUrl);
	}

	/**
	 * Returns the mTLS API host of this environment.
	 * @return the API base URL
	 */
	public URI apiBaseUrl() {
		return this.apiBaseUrl;
	}

	/**
	 * Returns the mTLS access (token issuance) host of this environment.
	 * @return the access base URL
	 */
	public URI accessBaseUrl() {
		return this.accessBaseUrl;
	}

}
