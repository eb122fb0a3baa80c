package io.github.checkoutmtls.token;

import org.springframework.web.reactive.function.client.WebClientException;

/**
 * Thrown when Checkout's access host refuses to issue a token. The message names the
 * OAuth 2.0 error and the property to fix; it never contains the client secret.
 */
public class TokenRequestException extends WebClientException {

	private final String error;

	/**
	 * Creates a new instance.
	 * @param error the OAuth 2.0 error code, e.g. {@code invalid_client}
	 * @param description the error description from the response, or {@code null}
	 * @param cause the cause
	 */
	TokenRequestException(String error, String description, Throwable cause) {
		super("Checkout's access host refused the token request: " + error
				+ ((description != null) ? " (" + description + ")" : "") + ". " + advice(error), cause);
		this.error = error;
	}

	/**
	 * Creates a copy for one of the callers that waited on the same failed fetch.
	 * @param shared the failure of the shared fetch
	 */
	TokenRequestException(TokenRequestException shared) {
		super(shared.getMessage(), shared);
		this.error = shared.error;
	}

	private static String advice(String error) {
		return switch (error) {
			case "invalid_client", "unauthorized_client" -> "Check checkout.mtls.jwt.client-id, client-secret and"
					+ " client-authentication against what Checkout issued for the mTLS access host.";
			case "invalid_scope" -> "Check checkout.mtls.jwt.scopes: request only scopes Checkout granted this client.";
			case "unsupported_grant_type", "invalid_grant" ->
				"Checkout did not accept the client-credentials grant" + " for this client; ask Checkout to enable it.";
			case "HTTP 401", "HTTP 403" -> "The access host accepted the TLS handshake but refused the client: check"
					+ " checkout.mtls.jwt.client-id and client-secret, and that the leaf's CN is the one registered"
					+ " with Checkout (checkout.mtls.expected-common-name).";
			default -> "Check the checkout.mtls.jwt.* properties and checkout.mtls.access-base-url.";
		};
	}

	/**
	 * Returns the OAuth 2.0 error code.
	 * @return the error code
	 */
	public String getError() {
		return this.error;
	}

}
