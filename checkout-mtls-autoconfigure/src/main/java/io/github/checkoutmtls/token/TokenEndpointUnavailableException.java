package io.github.checkoutmtls.token;

import org.springframework.web.reactive.function.client.WebClientException;

/**
 * Thrown when Checkout's access host answers a token request with a server error or a rate limit, times
 * out, or cannot be reached: a transient failure, retried with backoff before this reaches the caller.
 */
public class TokenEndpointUnavailableException extends WebClientException {

	/**
	 * Creates a new instance.
	 * @param status the HTTP status the access host answered
	 */
	public TokenEndpointUnavailableException(int status) {
		super("Checkout's access host answered the token request with HTTP " + status);
	}

	/**
	 * Creates an instance for a token request that could not complete: timed out, or the access host
	 * could not be reached.
	 * @param attempts how many attempts were made
	 * @param cause the last attempt's failure
	 */
	public TokenEndpointUnavailableException(int attempts, Throwable cause) {
		super("Checkout's access host did not answer the token request after " + attempts + " attempt(s): "
				+ ((cause instanceof java.util.concurrent.TimeoutException) ? "timed out (checkout.mtls.jwt.token-timeout)"
						: cause.getMessage()),
				cause);
	}

}
