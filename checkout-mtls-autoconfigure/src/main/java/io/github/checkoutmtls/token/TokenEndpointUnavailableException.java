package io.github.checkoutmtls.token;

/**
 * Thrown when Checkout's access host answers a token request with a server error or a rate limit: a
 * transient failure, retried with backoff.
 */
public class TokenEndpointUnavailableException extends RuntimeException {

	/**
	 * Creates a new instance.
	 * @param status the HTTP status the access host answered
	 */
	public TokenEndpointUnavailableException(int status) {
		super("Checkout's access host answered the token request with HTTP " + status);
	}

}
