package io.github.checkoutmtls.token;

import java.time.Instant;

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

	/**
	 * An access token with what the cache needs to know of it. {@link #toString()} never
	 * shows the value.
	 *
	 * @param value the token, to send as a bearer token
	 * @param thumbprint the x5t#S256 thumbprint of the leaf the token was fetched with
	 * @param expiresAt when the token expires
	 * @param refreshAt when to start fetching the next one
	 */
	record AccessToken(String value, String thumbprint, Instant expiresAt, Instant refreshAt) {

		/**
		 * Whether this token was fetched with the given identity's leaf.
		 * @param identity the identity
		 * @return whether the token belongs to it
		 */
		public boolean isFor(ClientIdentity identity) {
			return this.thumbprint.equals(identity.thumbprint());
		}

		@Override
		public String toString() {
			return "AccessToken[x5t#S256=" + this.thumbprint + ", expiresAt=" + this.expiresAt + ", refreshAt="
					+ this.refreshAt + "]";
		}

	}

}
