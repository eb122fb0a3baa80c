package io.github.checkoutmtls.autoconfigure;

/**
 * How requests to Checkout are authenticated on top of the mTLS connection.
 */
public enum AuthMode {

	/**
	 * The client certificate is the credential.
	 */
	CERTIFICATE,

	/**
	 * An RFC 8705 certificate-bound bearer token from the mTLS access host, sent with
	 * every API request.
	 */
	JWT

}
