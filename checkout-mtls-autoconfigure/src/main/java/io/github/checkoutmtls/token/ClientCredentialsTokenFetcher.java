package io.github.checkoutmtls.token;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.nimbusds.jose.util.JSONObjectUtils;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.security.oauth2.client.endpoint.DefaultOAuth2TokenRequestParametersConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.web.reactive.function.OAuth2BodyExtractors;
import org.springframework.web.reactive.function.BodyExtractor;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.connector.IdentityReplacedException;
import io.github.checkoutmtls.diagnostics.CheckoutMtlsHandshakeException;
import io.github.checkoutmtls.diagnostics.HandshakeFailureListener;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Fetches client-credentials tokens with Spring Security's reactive token client, over
 * the same connector (so the same client certificate) as the API requests. The
 * registration lives here, not in the application context, so an application's own
 * {@code spring.security.oauth2.client.*} setup is left alone. A reset or timeout on a
 * token request is transient and retried a bounded number of times; only a failure in the
 * TLS layer is diagnosed as a refused handshake.
 */
final class ClientCredentialsTokenFetcher implements TokenFetcher {

	// Spring Security sets expiresAt = issuedAt + 1 s when a response has no expires_in.
	private static final Duration MISSING_EXPIRES_IN = Duration.ofSeconds(1);

	// Noted on a response that had an expires_in, whatever its value.
	private static final String EXPIRES_IN_GIVEN = ClientCredentialsTokenFetcher.class.getName() + ".expires-in";

	private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

	private static final int TRANSIENT_RETRIES = 2;

	private static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(200);

	private final WebClientReactiveClientCredentialsTokenResponseClient client;

	private final OAuth2ClientCredentialsGrantRequest grantRequest;

	private final TokenSettings settings;

	private final Clock clock;

	private final LongSupplier ticker;

	private final Duration retryBackoff;

	/**
	 * Creates a fetcher.
	 * @param settings the token settings
	 * @param connector the mTLS connector shared with the API requests
	 * @param identity supplies the identity currently presented, for diagnosing refused
	 * handshakes
	 * @param clock the clock
	 */
	ClientCredentialsTokenFetcher(TokenSettings settings, ClientHttpConnector connector,
			Supplier<ClientIdentity> identity, Clock clock) {
		this(settings, connector, identity, clock, (failure) -> {
		});
	}

	/**
	 * Creates a fetcher that tells a listener about refused handshakes with the access
	 * host.
	 * @param settings the token settings
	 * @param connector the mTLS connector shared with the API requests
	 * @param identity supplies the identity currently presented, for diagnosing refused
	 * handshakes
	 * @param clock the clock
	 * @param handshakeFailures told about every refused handshake
	 */
	ClientCredentialsTokenFetcher(TokenSettings settings, ClientHttpConnector connector,
			Supplier<ClientIdentity> identity, Clock clock, HandshakeFailureListener handshakeFailures) {
		this(settings, WebClient.builder(), connector, identity, clock, handshakeFailures);
	}

	/**
	 * Creates a fetcher whose token requests go through a copy of the application's
	 * {@code WebClient} builder, so they are observed ({@code http.client.requests}) like
	 * the API requests.
	 * @param settings the token settings
	 * @param webClientBuilder the application's builder, cloned and left unchanged
	 * @param connector the mTLS connector shared with the API requests
	 * @param identity supplies the identity currently presented, for diagnosing refused
	 * handshakes
	 * @param clock the clock
	 * @param handshakeFailures told about every refused handshake
	 */
	ClientCredentialsTokenFetcher(TokenSettings settings, WebClient.Builder webClientBuilder,
			ClientHttpConnector connector, Supplier<ClientIdentity> identity, Clock clock,
			HandshakeFailureListener handshakeFailures) {
		this(settings, webClientBuilder, connector, identity, clock, System::nanoTime, handshakeFailures,
				DEFAULT_RETRY_BACKOFF);
	}

	ClientCredentialsTokenFetcher(TokenSettings settings, ClientHttpConnector connector,
			Supplier<ClientIdentity> identity, Clock clock, Duration retryBackoff) {
		this(settings, WebClient.builder(), connector, identity, clock, System::nanoTime, (failure) -> {
		}, retryBackoff);
	}

	ClientCredentialsTokenFetcher(TokenSettings settings, WebClient.Builder webClientBuilder,
			ClientHttpConnector connector, Supplier<ClientIdentity> identity, Clock clock, LongSupplier ticker,
			HandshakeFailureListener handshakeFailures, Duration retryBackoff) {
		this.settings = settings;
		this.clock = clock;
		this.ticker = ticker;
		this.retryBackoff = retryBackoff;
		this.grantRequest = new OAuth2ClientCredentialsGrantRequest(registration(settings));
		this.client = new WebClientReactiveClientCredentialsTokenResponseClient();
		this.client.setWebClient(webClientBuilder.clone()
			.clientConnector(connector)
			.exchangeStrategies(QuietCodecs.strategies())
			.filter(ExchangeFilterFunction.ofResponseProcessor(ClientCredentialsTokenFetcher::rejectServerErrors))
			.filter(CheckoutMtlsHandshakeException.diagnosingTokenCalls(identity, clock, handshakeFailures))
			.build());
		// Spring's default converter leaves tls_client_auth without client_id; RFC 8705
		// 2.1 requires it.
		this.client.setParametersConverter(new DefaultOAuth2TokenRequestParametersConverter<>());
		this.client.setBodyExtractor(notingExpiresIn(OAuth2BodyExtractors.oauth2AccessTokenResponse()));
	}

	// Spring Security reads a response without expires_in as one of a second, just as it
	// reads "expires_in": 1: the response's own bytes tell them apart, noted in the
	// response's additional parameters for expiresAt.
	private static BodyExtractor<Mono<OAuth2AccessTokenResponse>, ReactiveHttpInputMessage> notingExpiresIn(
			BodyExtractor<Mono<OAuth2AccessTokenResponse>, ReactiveHttpInputMessage> standard) {
		return (message, context) -> DataBufferUtils.join(message.getBody()).map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		}).defaultIfEmpty(new byte[0]).flatMap((bytes) -> {
			ReactiveHttpInputMessage again = new ReactiveHttpInputMessage() {

				@Override
				public HttpHeaders getHeaders() {
					return message.getHeaders();
				}

				@Override
				public Flux<DataBuffer> getBody() {
					return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes)));
				}

			};
			return standard.extract(again, context)
				.map((response) -> hasExpiresIn(bytes) ? OAuth2AccessTokenResponse.withResponse(response)
					.additionalParameters(withExpiresInGiven(response))
					.build() : response);
		});
	}

	private static boolean hasExpiresIn(byte[] body) {
		try {
			return JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8)).containsKey("expires_in");
		}
		catch (ParseException ex) {
			return false;
		}
	}

	private static Map<String, Object> withExpiresInGiven(OAuth2AccessTokenResponse response) {
		Map<String, Object> parameters = new HashMap<>(response.getAdditionalParameters());
		parameters.put(EXPIRES_IN_GIVEN, Boolean.TRUE);
		return parameters;
	}

	// The longest a fetch can take: every attempt timing out, with the backoff between
	// them.
	static Duration maxFetchTime(Duration tokenTimeout) {
		return tokenTimeout.multipliedBy(TRANSIENT_RETRIES + 1)
			.plus(maxRetryBackoff(DEFAULT_RETRY_BACKOFF).multipliedBy(TRANSIENT_RETRIES));
	}

	private static Duration maxRetryBackoff(Duration retryBackoff) {
		return retryBackoff.multipliedBy(4);
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
			// An OAuth 2.0 error has a JSON body; without one Spring would only report an
			// empty response.
			return response.releaseBody()
				.then(Mono
					.error(new TokenRequestException("HTTP " + status, "no OAuth 2.0 error in the response", null)));
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
		return Mono.defer(() -> attempt(identity))
			.timeout(this.settings.timeout())
			.retryWhen(Retry.backoff(TRANSIENT_RETRIES, this.retryBackoff)
				.maxBackoff(maxRetryBackoff(this.retryBackoff))
				.filter(ClientCredentialsTokenFetcher::isTransient)
				.onRetryExhaustedThrow((spec, signal) -> (signal.failure() instanceof TokenEndpointUnavailableException)
						? signal.failure()
						: new TokenEndpointUnavailableException(TRANSIENT_RETRIES + 1, signal.failure())))
			.onErrorMap(OAuth2AuthorizationException.class, ClientCredentialsTokenFetcher::refused);
	}

	// The token's lifetime runs from when this attempt started, before the request was
	// sent: an answer that took long to arrive leaves less of it, never more.
	private Mono<AccessToken> attempt(ClientIdentity identity) {
		long sentAt = this.ticker.getAsLong();
		return this.client.getTokenResponse(this.grantRequest)
			// The token is bound to the leaf the request presents: it must be this
			// identity's, even mid-rotation.
			.contextWrite(CheckoutMtlsConnector.presenting(identity))
			.map((response) -> toAccessToken(response, identity, sentAt));
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

	private AccessToken toAccessToken(OAuth2AccessTokenResponse response, ClientIdentity identity, long sentAt) {
		String value = response.getAccessToken().getTokenValue();
		TokenClaims claims = TokenClaims.of(value);
		if (claims.boundThumbprint() != null && !claims.boundThumbprint().equals(identity.thumbprint())) {
			throw new TokenBindingException(claims.boundThumbprint(), identity.thumbprint());
		}
		Instant sent = this.clock.instant().minusNanos(this.ticker.getAsLong() - sentAt);
		Instant expiresAt = expiresAt(response, claims, sent);
		Duration lifetime = Duration.between(sent, expiresAt);
		Duration refreshBefore = min(this.settings.refreshBeforeExpiry(), lifetime.dividedBy(2));
		return new AccessToken(value, identity.thumbprint(), expiresAt, expiresAt.minus(refreshBefore));
	}

	private static Instant expiresAt(OAuth2AccessTokenResponse response, TokenClaims claims, Instant sent) {
		Instant issuedAt = response.getAccessToken().getIssuedAt();
		Instant expiresAt = response.getAccessToken().getExpiresAt();
		boolean given = Boolean.TRUE.equals(response.getAdditionalParameters().get(EXPIRES_IN_GIVEN));
		if (issuedAt != null && expiresAt != null
				&& (given || Duration.between(issuedAt, expiresAt).compareTo(MISSING_EXPIRES_IN) > 0)) {
			return sent.plus(Duration.between(issuedAt, expiresAt));
		}
		// No expires_in: the JWT's exp, else a short lifetime rather than a refetch on
		// every request.
		return (claims.expiresAt() != null) ? claims.expiresAt() : sent.plus(DEFAULT_LIFETIME);
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
