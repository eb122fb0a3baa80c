package io.github.checkoutmtls.autoconfigure;

import java.net.URI;
import java.util.Set;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.util.StringUtils;

import io.github.checkoutmtls.autoconfigure.CheckoutMtlsProperties.ClientAuthentication;
import io.github.checkoutmtls.token.TokenSettings;

/**
 * Validates the {@code checkout.mtls.jwt.*} properties into {@link TokenSettings}.
 */
final class JwtSettings {

	// Checkout's ordinary hosts refuse tokens issued on the mTLS route.
	private static final Set<String> NON_MTLS_API_HOSTS = Set.of("api.checkout.com", "api.sandbox.checkout.com");

	private JwtSettings() {
	}

	static TokenSettings from(CheckoutMtlsProperties properties, CheckoutMtlsEndpoints endpoints) {
		CheckoutMtlsProperties.Jwt jwt = properties.getJwt();
		requireMtlsApiHost(endpoints.apiBaseUrl());
		if (!StringUtils.hasText(jwt.getClientId())) {
			throw new MissingClientIdException("jwt mode needs the client id Checkout issued for the mTLS access host",
					"checkout.mtls.jwt.client-id", null,
					"Set checkout.mtls.jwt.client-id, or set checkout.mtls.auth-mode=certificate to authenticate with"
							+ " the client certificate alone.");
		}
		ClientAuthenticationMethod method = method(jwt);
		jwt.getScopes().forEach(JwtSettings::requireValidScope);
		return new TokenSettings(tokenUri(endpoints.accessBaseUrl(), jwt.getTokenPath()), jwt.getClientId(),
				StringUtils.hasText(jwt.getClientSecret()) ? jwt.getClientSecret() : null, method, jwt.getScopes(),
				jwt.getRefreshBeforeExpiry(), jwt.getTokenTimeout());
	}

	private static void requireMtlsApiHost(URI apiBaseUrl) {
		if (NON_MTLS_API_HOSTS.contains(apiBaseUrl.getHost().toLowerCase())) {
			throw new InvalidBaseUrlException("'" + apiBaseUrl.getHost() + "' is Checkout's non-mTLS API host, which"
					+ " rejects tokens issued by the mTLS access host", "checkout.mtls.api-base-url",
					apiBaseUrl.toString(), "Use the mTLS API host (https://mtls.api.sandbox.checkout.com or"
							+ " https://mtls.api.checkout.com), or remove the property to use the environment's.");
		}
	}

	private static ClientAuthenticationMethod method(CheckoutMtlsProperties.Jwt jwt) {
		boolean hasSecret = StringUtils.hasText(jwt.getClientSecret());
		ClientAuthentication configured = jwt.getClientAuthentication();
		ClientAuthentication effective = (configured != null) ? configured
				: (hasSecret ? ClientAuthentication.CLIENT_SECRET_POST : ClientAuthentication.TLS_CLIENT_AUTH);
		if (effective != ClientAuthentication.TLS_CLIENT_AUTH && !hasSecret) {
			throw new MissingClientSecretException("Client authentication " + effective.name().toLowerCase().replace('_', '-')
					+ " needs a client secret", "checkout.mtls.jwt.client-secret", null,
					"Set checkout.mtls.jwt.client-secret, or set checkout.mtls.jwt.client-authentication=tls-client-auth"
							+ " to let the client certificate authenticate.");
		}
		return switch (effective) {
			case CLIENT_SECRET_POST -> ClientAuthenticationMethod.CLIENT_SECRET_POST;
			case CLIENT_SECRET_BASIC -> ClientAuthenticationMethod.CLIENT_SECRET_BASIC;
			case TLS_CLIENT_AUTH -> ClientAuthenticationMethod.TLS_CLIENT_AUTH;
		};
	}

	private static void requireValidScope(String scope) {
		if (!StringUtils.hasText(scope) || scope.chars().anyMatch(Character::isWhitespace)) {
			throw new InvalidScopeException("The scope '" + scope + "' is empty or contains white space",
					"checkout.mtls.jwt.scopes", scope, "List each scope as its own entry, e.g. scopes: [gateway,"
							+ " vault]; the starter sends them space-separated.");
		}
	}

	private static URI tokenUri(URI accessBaseUrl, String tokenPath) {
		String base = accessBaseUrl.toString().replaceAll("/+$", "");
		String path = tokenPath.startsWith("/") ? tokenPath : "/" + tokenPath;
		return URI.create(base + path);
	}

}
