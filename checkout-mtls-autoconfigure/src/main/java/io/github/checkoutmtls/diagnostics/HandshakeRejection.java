package io.github.checkoutmtls.diagnostics;

/**
 * Which side of the TLS handshake refused the connection.
 */
public enum HandshakeRejection {

	/**
	 * Checkout's edge refused the client certificate: a TLS alert, or the connection reset during or just
	 * after the handshake, as Checkout documents for chains it cannot validate.
	 */
	CLIENT_CERTIFICATE_REJECTED,

	/**
	 * This client refused the server's certificate: it is not trusted or not issued for the host.
	 */
	SERVER_CERTIFICATE_UNTRUSTED

}
