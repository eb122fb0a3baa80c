package io.github.checkoutmtls.doctor;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one live request to Checkout's API host, classified as Checkout
 * documents it.
 *
 * @param outcome what happened
 * @param url the URL requested
 * @param status the HTTP status, or {@code null} when no response arrived
 * @param detail what it means and what to do, in a few sentences
 */
public record ConnectResult(Outcome outcome, URI url, @Nullable Integer status, String detail) {

	/**
	 * Whether the handshake was accepted and the CN matched.
	 * @return whether this part of the report passed
	 */
	public boolean passed() {
		return this.outcome == Outcome.CONNECTED;
	}

	/**
	 * What a live request to Checkout ended with.
	 */
	public enum Outcome {

		/**
		 * The handshake succeeded and the API answered with something other than 401.
		 */
		CONNECTED,

		/**
		 * The server refused the client certificate (a reset or an alert during the
		 * handshake).
		 */
		CLIENT_CERTIFICATE_REJECTED,

		/**
		 * This client refused the server's certificate.
		 */
		SERVER_CERTIFICATE_UNTRUSTED,

		/**
		 * The certificate was accepted but the API answered 401: the CN is not the
		 * registered one.
		 */
		COMMON_NAME_MISMATCH,

		/**
		 * No connection: the host could not be resolved or reached, or did not answer in
		 * time.
		 */
		UNREACHABLE

	}

}
