package io.github.checkoutmtls.token;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.springframework.web.reactive.function.client.WebClientException;

/**
 * Thrown when Checkout's access host answers a token request with a server error or a
 * rate limit, times out, or cannot be reached: a transient failure, retried with backoff
 * before this reaches the caller.
 */
public class TokenEndpointUnavailableException extends WebClientException {

	/**
	 * Creates a new instance.
	 * @param status the HTTP status the access host answered
	 */
	TokenEndpointUnavailableException(int status) {
		super("Checkout's access host answered the token request with HTTP " + status);
	}

	/**
	 * Creates an instance for a token request that could not complete: timed out, or the
	 * access host could not be reached.
	 * @param attempts how many attempts were made
	 * @param cause the last attempt's failure
	 */
	TokenEndpointUnavailableException(int attempts, Throwable cause) {
		super("Checkout's access host did not answer the token request after " + attempts + " attempt(s): "
				+ ((cause instanceof TimeoutException) ? "timed out (checkout.mtls.jwt.token-timeout)"
						: cause.getMessage()),
				cause);
	}

	/**
	 * Creates an instance for a shared fetch that did not complete within its bound, e.g.
	 * a custom {@link TokenFetcher} whose result never comes.
	 * @param bound the time the fetch was allowed
	 */
	TokenEndpointUnavailableException(Duration bound) {
		super("Fetching a Checkout access token did not complete within " + bound.toMillis() + " ms, the bound"
				+ " derived from checkout.mtls.jwt.token-timeout; every request waiting for it failed");
	}

	/**
	 * Creates a copy for one of the callers that waited on the same failed fetch.
	 * @param shared the failure of the shared fetch
	 */
	TokenEndpointUnavailableException(TokenEndpointUnavailableException shared) {
		super(shared.getMessage(), shared);
	}

}
