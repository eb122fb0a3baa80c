package io.github.checkoutmtls.test.simulator;

/**
 * The simulated Checkout host a connection or request reached.
 */
public enum SimulatorHost {

	/**
	 * The API host, {@code mtls.api.checkout.com} in production.
	 */
	API,

	/**
	 * The token (access) host, {@code mtls.access.checkout.com} in production.
	 */
	ACCESS

}
