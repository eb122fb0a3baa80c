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
	 * Closes the TCP connection with a reset (SO_LINGER 0) and sends no alert, as
	 * Checkout's edge does: the client sees "connection reset by peer".
	 */
	RESET

}
