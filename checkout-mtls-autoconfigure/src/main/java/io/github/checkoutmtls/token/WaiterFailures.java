package io.github.checkoutmtls.token;

import java.time.Instant;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import io.github.checkoutmtls.diagnostics.CheckoutMtlsHandshakeException;
import io.github.checkoutmtls.identity.ClientIdentity;

/**
 * Makes the failure of a shared token fetch into a fresh exception for each waiter, of
 * the same type where the type is known, with the shared failure as its cause. Reactor
 * and WebClient add each subscriber's assembly trace to the exception they signal: shared
 * by N waiters, one exception would collect N traces, and N waiters logging it would
 * print N² of them.
 */
final class WaiterFailures {

	private WaiterFailures() {
	}

	static Throwable freshFor(Throwable shared, ClientIdentity identity, Instant now) {
		if (shared instanceof TokenRequestException refused) {
			return new TokenRequestException(refused);
		}
		if (shared instanceof TokenEndpointUnavailableException unavailable) {
			return new TokenEndpointUnavailableException(unavailable);
		}
		if (shared instanceof TokenBindingException binding) {
			return new TokenBindingException(binding);
		}
		if (shared instanceof CheckoutMtlsHandshakeException handshake) {
			return new CheckoutMtlsHandshakeException(handshake, handshake.getRejection(), identity, now);
		}
		if (shared instanceof WebClientRequestException request) {
			Throwable cause = (request.getCause() != null) ? request.getCause() : request;
			return new WebClientRequestException(cause, request.getMethod(), request.getUri(),
					(request.getHeaders() != null) ? request.getHeaders() : HttpHeaders.EMPTY);
		}
		return new IllegalStateException("Fetching a Checkout access token failed: " + shared.getMessage(), shared);
	}

}
