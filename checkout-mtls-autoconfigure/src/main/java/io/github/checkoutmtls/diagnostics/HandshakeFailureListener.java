package io.github.checkoutmtls.diagnostics;

/**
 * Told about every refused TLS handshake the starter diagnoses, e.g. to count them.
 * Called on a network thread: implementations must be quick and must not block. What a
 * listener throws is logged and changes neither the request's failure nor what other
 * listeners are told, except the JVM's own failures ({@link VirtualMachineError}).
 */
@FunctionalInterface
public interface HandshakeFailureListener {

	/**
	 * Called when a request failed because a TLS handshake was refused.
	 * @param failure the diagnosed failure
	 */
	void handshakeFailed(CheckoutMtlsHandshakeException failure);

}
