package io.github.checkoutmtls.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.security.oauth2.client.endpoint.DefaultOAuth2TokenRequestParametersConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.connector.IdentityReplacedException;
import io.github.checkoutmtls.diagnostics.CheckoutMtlsHandshakeException;
import io.github.checkoutmtls.diagnostics.HandshakeDiagnosisFilter;
import io.github.checkoutmtls.diagnostics.HandshakeFailureListener;
import io.github.checkoutmtls.identity.ClientIdentity;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Fetches client-credentials tokens with Spring Security's reactive token client, over the same
 * connector (so the same client certificate) as the API requests. The registration lives here, not in
 * the application context, so an application's own {@code spring.security.oauth2.client.*} setup is
 * left alone.
 */
public final class ClientCredentialsTokenFetcher implements TokenFetcher {

	// Spring Security sets expiresAt = issuedAt + 1 s when a response has no expires_in.
	private static final Duration MISSING_EXPIRES_IN = Duration.ofSeconds(1);

	private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

	private static final int TRANSIENT_RETRIES = 2;

	private final WebClientReactiveClientCredentialsTokenResponseClient client;

	private final OAuth2ClientCredentialsGrantRequest grantRequest;

	private final TokenSettings settings;

	private final Clock clock;

	private final Duration retryBackoff;

	/**
	 * Creates a fetcher.
	 * @param settings the token settings
	 * @param connector the mTLS connector shared with the API requests
	 * @param identity supplies the identity currently presented, for diagnosing refused handshakes
	 * @param clock the clock
	 */
	public ClientCredentialsTokenFetcher(TokenSettings settings, ClientHttpConnector connector,
			Supplier<ClientIdentity> identity, Clock clock) {
		this(settings, connector, identity, clock, (failure) -> {
		});
	}

	/**
	 * Creates a fetcher that tells a listener about refused handshakes with the access host.
	 * @param settings the token settings
	 * @param connector the mTLS connector shared with the API requests
	 * @param identity supplies the identity currently presented, for diagnosing refused handshakes
	 * @param clock the clock
	 * @param handshakeFailures told about every refused handshake
	 */
	public ClientCredentialsTokenFetcher(TokenSettings settings, ClientHttpConnector connector,
			Supplier<ClientIdentity> identity, Clock clock, HandshakeFailureListener handshakeFailures) {
		this(settings, connector, identity, clock, handshakeFailures, Duration.ofMillis(200));
	}

	ClientCredentialsTokenFetcher(TokenSettings settings, ClientHttpConnector connector,
			Supplier<ClientIdentity> identity, Clock clock, Duration retryBackoff) {
		this(settings, connector, identity, clock, (failure) -> {
		}, retryBackoff);
	}

	private ClientCredentialsTokenFetcher(TokenSettings settings, ClientHttpConnector connector,
			Supplier<ClientIdentity> identity, Clock clock, HandshakeFailureListener handshakeFailures,
			Duration retryBackoff) {
		this.settings = settings;
		this.clock = clock;
		this.retryBackoff = retryBackoff;
		this.grantRequest = new OAuth2ClientCredentialsGrantRequest(registration(settings));
		this.client = new WebClientReactiveClientCredentialsTokenResponseClient();
		this.client.setWebClient(WebClient.builder()
			.clientConnector(connector)
			.filter(ExchangeFilterFunction.ofResponseProcessor(ClientCredentialsTokenFetcher::rejectServerErrors))
			.filter(new HandshakeDiagnosisFilter(identity, clock, handshakeFailures))
			.build());
		// Spring's default converter leaves tls_client_auth without client_id; RFC 8705 2.1 requires it.
		this.client.setParametersConverter(new DefaultOAuth2TokenRequestParametersConverter<>());
	}

	private static ClientRegistration registration(TokenSettings settings) {
		return ClientRegistration.withRegistrationId("checkout-mtls")
			.clientId(settings.clientId())
			.clientSecret(settings.clientSecret())
			.clientAuthenticationMethod(settings.authenticationMethod())
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(settings.tokenUri().toString())
			.scope(settings.scopes())
			.build();
	}

	private static Mono<ClientResponse> rejectServerErrors(ClientResponse response) {
		int status = response.statusCode().value();
		if (status >= 500 || status == 429) {
			return response.releaseBody().then(Mono.error(new TokenEndpointUnavailableException(status)));
		}
		if (status >= 400 && !isJson(response)) {
			// An OAuth 2.0 error has a JSON body; without one Spring would only report an empty response.
			return response.releaseBody()
				.then(Mono.error(new TokenRequestException("HTTP " + status, "no OAuth 2.0 error in the response", null)));
		}
		return Mono.just(response);
	}

	private static boolean isJson(ClientResponse response) {
		return response.headers()
			.contentType()
			.map((type) -> type.isCompatibleWith(MediaType.APPLICATION_JSON))
			.orElse(false);
	}

	@Override
	public Mono<AccessToken> fetch(ClientIdentity identity) {
		return Mono.defer(() -> this.client.getTokenResponse(this.grantRequest))
			// The token is bound to the leaf the request presents: it must be this identity's, even mid-rotation.
			.contextWrite(CheckoutMtlsConnector.presenting(identity))
			.timeout(this.settings.timeout())
			.retryWhen(Retry.backoff(TRANSIENT_RETRIES, this.retryBackoff)
				.filter(ClientCredentialsTokenFetcher::isTransient)
				.onRetryExhaustedThrow((spec, signal) -> (signal.failure() instanceof TokenEndpointUnavailableException)
						? signal.failure() : new TokenEndpointUnavailableException(TRANSIENT_RETRIES + 1, signal.failure())))
			.onErrorMap(OAuth2AuthorizationException.class, ClientCredentialsTokenFetcher::refused)
			.map((response) -> toAccessToken(response, identity));
	}

	private static boolean isTransient(Throwable failure) {
		return failure instanceof TokenEndpointUnavailableException || failure instanceof TimeoutException
				|| (failure instanceof WebClientRequestException && !(failure instanceof CheckoutMtlsHandshakeException)
						&& !IdentityReplacedException.isCauseOf(failure));
	}

	private static Throwable refused(OAuth2AuthorizationException ex) {
		OAuth2Error error = ex.getError();
		return new TokenRequestException(error.getErrorCode(), error.getDescription(), ex);
	}

	private AccessToken toAccessToken(OAuth2AccessTokenResponse response, ClientIdentity identity) {
		String value = response.getAccessToken().getTokenValue();
		TokenClaims claims = TokenClaims.of(value);
		if (claims.boundThumbprint() != null && !claims.boundThumbprint().equals(identity.thumbprint())) {
			throw new TokenBindingException(claims.boundThumbprint(), identity.thumbprint());
		}
		Instant now = this.clock.instant();
		Instant expiresAt = expiresAt(response, claims, now);
		Duration lifetime = Duration.between(now, expiresAt);
		Duration refreshBefore = min(this.settings.refreshBeforeExpiry(), lifetime.dividedBy(2));
		return new AccessToken(value, identity.thumbprint(), expiresAt, expiresAt.minus(refreshBefore));
	}

	private static Instant expiresAt(OAuth2AccessTokenResponse response, TokenClaims claims, Instant now) {
		Instant issuedAt = response.getAccessToken().getIssuedAt();
		Instant expiresAt = response.getAccessToken().getExpiresAt();
		if (issuedAt != null && expiresAt != null
				&& Duration.between(issuedAt, expiresAt).compareTo(MISSING_EXPIRES_IN) > 0) {
			return now.plus(Duration.between(issuedAt, expiresAt));
		}
		// No expires_in: the JWT's exp, else a short lifetime rather than a refetch on every request.
		return (claims.expiresAt() != null) ? claims.expiresAt() : now.plus(DEFAULT_LIFETIME);
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
