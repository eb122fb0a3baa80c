package io.github.checkoutmtls.autoconfigure;

import java.net.URI;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.util.StringUtils;

import io.github.checkoutmtls.autoconfigure.CheckoutMtlsProperties.ClientAuthentication;
import io.github.checkoutmtls.token.TokenFetcher.TokenSettings;

/**
 * Turns the {@code checkout.mtls.jwt.*} properties, checked when they were bound, into
 * {@link TokenSettings}.
 */
final class JwtSettings {

	private JwtSettings() {
	}

	static TokenSettings from(CheckoutMtlsProperties properties, CheckoutMtlsHosts endpoints) {
		CheckoutMtlsProperties.Jwt jwt = properties.getJwt();
		ClientAuthenticationMethod method = method(jwt);
		return new TokenSettings(tokenUri(endpoints.accessBaseUrl(), jwt.getTokenPath()), jwt.getClientId(),
				StringUtils.hasText(jwt.getClientSecret()) ? jwt.getClientSecret() : null, method, jwt.getScopes(),
				jwt.getRefreshBeforeExpiry(), jwt.getTokenTimeout());
	}

	private static ClientAuthenticationMethod method(CheckoutMtlsProperties.Jwt jwt) {
		boolean hasSecret = StringUtils.hasText(jwt.getClientSecret());
		ClientAuthentication configured = jwt.getClientAuthentication();
		ClientAuthentication effective = (configured != null) ? configured
				: (hasSecret ? ClientAuthentication.CLIENT_SECRET_POST : ClientAuthentication.TLS_CLIENT_AUTH);
		return switch (effective) {
			case CLIENT_SECRET_POST -> ClientAuthenticationMethod.CLIENT_SECRET_POST;
			case CLIENT_SECRET_BASIC -> ClientAuthenticationMethod.CLIENT_SECRET_BASIC;
			case TLS_CLIENT_AUTH -> ClientAuthenticationMethod.TLS_CLIENT_AUTH;
		};
	}

	private static URI tokenUri(URI accessBaseUrl, String tokenPath) {
		String base = accessBaseUrl.toString().replaceAll("/+$", "");
		String path = tokenPath.startsWith("/") ? tokenPath : "/" + tokenPath;
		return URI.create(base + path);
	}

}
