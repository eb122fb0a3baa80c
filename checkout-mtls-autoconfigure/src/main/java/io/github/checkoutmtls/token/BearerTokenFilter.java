package io.github.checkoutmtls.token;

import java.net.URI;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.connector.IdentityReplacedException;
import io.github.checkoutmtls.identity.ClientIdentity;
import reactor.core.publisher.Mono;

/**
 * Sends the cached access token as a bearer token, only to the API host's origin: the same
 * {@code WebClient} used with an absolute URL to another host sends none. A 401 drops the token,
 * fetches a new one and retries the request once; a second 401 reaches the caller. The request is
 * pinned to the certificate its token is bound to, so a rotation never sends a token over a connection
 * presenting another leaf.
 */
public final class BearerTokenFilter implements ExchangeFilterFunction {

	private static final int ATTEMPTS_PER_ROTATION = 3;

	private final URI apiBaseUrl;

	private final Supplier<ClientIdentity> identity;

	private final TokenCache tokens;

	/**
	 * Creates a filter.
	 * @param apiBaseUrl the API host's base URL, whose origin gets the token
	 * @param identity the identity requests present
	 * @param tokens the token cache
	 */
	public BearerTokenFilter(URI apiBaseUrl, Supplier<ClientIdentity> identity, TokenCache tokens) {
		this.apiBaseUrl = apiBaseUrl;
		this.identity = identity;
		this.tokens = tokens;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (!isSameOrigin(request.url())) {
			return next.exchange(request);
		}
		return exchangePresentingCurrentIdentity(request, next, ATTEMPTS_PER_ROTATION);
	}

	// The token and the connection must present the same leaf: the exchange is pinned to the identity the
	// token was fetched for, and starts over when a certificate swap overtook it before anything was sent.
	private Mono<ClientResponse> exchangePresentingCurrentIdentity(ClientRequest request, ExchangeFunction next,
			int attempts) {
		return Mono.defer(() -> {
			ClientIdentity presented = this.identity.get();
			return this.tokens.token(presented)
				.flatMap((token) -> next.exchange(withToken(request, token))
					.flatMap((response) -> retryOnceIfUnauthorized(request, next, presented, token, response)))
				.contextWrite(CheckoutMtlsConnector.presenting(presented));
		})
			.onErrorResume((ex) -> attempts > 1 && IdentityReplacedException.isCauseOf(ex),
					(ex) -> exchangePresentingCurrentIdentity(request, next, attempts - 1));
	}

	private Mono<ClientResponse> retryOnceIfUnauthorized(ClientRequest request, ExchangeFunction next,
			ClientIdentity presented, AccessToken token, ClientResponse response) {
		if (!response.statusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED)) {
			return Mono.just(response);
		}
		this.tokens.invalidate(token);
		return response.releaseBody()
			.then(this.tokens.token(presented))
			.flatMap((fresh) -> next.exchange(withToken(request, fresh)));
	}

	private static ClientRequest withToken(ClientRequest request, AccessToken token) {
		return ClientRequest.from(request).headers((headers) -> headers.setBearerAuth(token.value())).build();
	}

	private boolean isSameOrigin(URI url) {
		return this.apiBaseUrl.getScheme().equalsIgnoreCase(url.getScheme())
				&& this.apiBaseUrl.getHost().equalsIgnoreCase(url.getHost()) && port(this.apiBaseUrl) == port(url);
	}

	private static int port(URI url) {
		if (url.getPort() != -1) {
			return url.getPort();
		}
		return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
	}

}
