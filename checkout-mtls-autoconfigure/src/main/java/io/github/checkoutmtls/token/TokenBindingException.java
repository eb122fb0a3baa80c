package io.github.checkoutmtls.token;

import org.springframework.web.reactive.function.client.WebClientException;

/**
 * Thrown when an access token is bound (RFC 8705 {@code cnf.x5t#S256}) to a certificate
 * other than the one this client presents: Checkout would refuse every request made with
 * it.
 */
public class TokenBindingException extends WebClientException {

	/**
	 * Creates a new instance.
	 * @param boundThumbprint the thumbprint the token is bound to
	 * @param presentedThumbprint the thumbprint of the leaf this client presents
	 */
	TokenBindingException(String boundThumbprint, String presentedThumbprint) {
		super("The access token from Checkout's access host is bound to another certificate (cnf.x5t#S256="
				+ boundThumbprint + ") than the leaf this client presents (x5t#S256=" + presentedThumbprint
				+ "). A TLS-intercepting proxy between this service and Checkout, or a different client certificate"
				+ " on the token request, causes this; Checkout refuses requests made with such a token.");
	}

	/**
	 * Creates a copy for one of the callers that waited on the same failed fetch.
	 * @param shared the failure of the shared fetch
	 */
	TokenBindingException(TokenBindingException shared) {
		super(shared.getMessage(), shared);
	}

}
