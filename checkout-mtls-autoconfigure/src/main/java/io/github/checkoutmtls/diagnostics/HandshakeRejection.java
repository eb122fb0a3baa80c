package io.github.checkoutmtls.diagnostics;

/**
 * Which side of the TLS handshake refused the connection.
 */
public enum HandshakeRejection {

	/**
	 * Checkout's edge refused the client certificate with a TLS alert.
	 */
	CLIENT_CERTIFICATE_REJECTED,

	/**
	 * The connection was reset before any response. Checkout documents a reset as its answer to a client
	 * certificate it cannot validate; a reset can also lose the response to a request it processed.
	 */
	CONNECTION_RESET,

	/**
	 * This client refused the server's certificate: it is not trusted or not issued for the host.
	 */
	SERVER_CERTIFICATE_UNTRUSTED

}
