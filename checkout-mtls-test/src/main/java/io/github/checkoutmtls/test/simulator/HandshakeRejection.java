package io.github.checkoutmtls.test.simulator;

/**
 * How the simulator ends a TLS handshake whose client certificate it does not accept.
 */
public enum HandshakeRejection {

	/**
	 * Sends the TLS alert the failed validation produces (for example
	 * {@code bad_certificate} or {@code certificate_required}), as a standard TLS server
	 * does.
	 */
	ALERT,

	/**
	 * Closes the TCP connection with a reset (SO_LINGER 0) and sends no alert: the client
	 * sees "connection reset by peer", as Checkout documents for a certificate it cannot
	 * validate (docs "Mutual TLS", Apr 2026, "Troubleshooting").
	 */
	RESET

}
