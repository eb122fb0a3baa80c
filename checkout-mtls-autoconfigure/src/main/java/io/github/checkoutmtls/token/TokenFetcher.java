package io.github.checkoutmtls.token;

import io.github.checkoutmtls.identity.ClientIdentity;
import reactor.core.publisher.Mono;

/**
 * Fetches an access token over a connection that presents the given identity.
 */
@FunctionalInterface
public interface TokenFetcher {

	/**
	 * Fetches a token.
	 * @param identity the identity the token request presents, and the token must be
	 * bound to
	 * @return the token
	 */
	Mono<AccessToken> fetch(ClientIdentity identity);

}
