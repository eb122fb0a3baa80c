package io.github.checkoutmtls.token;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.diagnostics.HandshakeFailureListener;
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

	/**
	 * Returns the fetcher of the starter's jwt mode: an OAuth 2.0 client credentials
	 * grant on Checkout's access host over the mTLS connector, whose token requests go
	 * through a copy of the application's {@code WebClient} builder, so they are observed
	 * ({@code http.client.requests}) like the API requests.
	 * @param settings the token settings
	 * @param webClientBuilder the application's builder, cloned and left unchanged
	 * @param connector the mTLS connector shared with the API requests
	 * @param identity supplies the identity currently presented, for diagnosing refused
	 * handshakes
	 * @param clock the clock
	 * @param handshakeFailures told about every refused handshake
	 * @return the fetcher
	 */
	static TokenFetcher clientCredentials(TokenSettings settings, WebClient.Builder webClientBuilder,
			ClientHttpConnector connector, Supplier<ClientIdentity> identity, Clock clock,
			HandshakeFailureListener handshakeFailures) {
		return new ClientCredentialsTokenFetcher(settings, webClientBuilder, connector, identity, clock,
				handshakeFailures);
	}

	/**
	 * What a token request needs, already validated.
	 *
	 * @param tokenUri the token endpoint on the mTLS access host
	 * @param clientId the client id
	 * @param clientSecret the client secret, or {@code null}
	 * @param authenticationMethod how the client authenticates
	 * @param scopes the scopes to request
	 * @param refreshBeforeExpiry how long before expiry to refresh
	 * @param timeout time allowed for one token request
	 */
	record TokenSettings(URI tokenUri, String clientId, String clientSecret,
			ClientAuthenticationMethod authenticationMethod, List<String> scopes, Duration refreshBeforeExpiry,
			Duration timeout) {

		/**
		 * Creates settings, copying the scopes.
		 */
		public TokenSettings {
			scopes = List.copyOf(scopes);
		}

		@Override
		public String toString() {
			return "TokenSettings[tokenUri=" + this.tokenUri + ", clientId=" + this.clientId + ", clientSecret="
					+ ((this.clientSecret != null) ? "******" : null) + ", authenticationMethod="
					+ this.authenticationMethod.getValue() + ", scopes=" + this.scopes + "]";
		}

		/**
		 * Returns the longest a client-credentials fetch can take: every attempt timing
		 * out, with the backoff between them. A {@link TokenCache} bounds its shared
		 * fetch by this, so a fetch that never completes fails its waiters.
		 * @param tokenTimeout the time allowed for one token request
		 * @return the bound of one fetch, retries included
		 */
		public static Duration maxFetchTime(Duration tokenTimeout) {
			return ClientCredentialsTokenFetcher.maxFetchTime(tokenTimeout);
		}

	}

}
