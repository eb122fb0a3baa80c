package io.github.checkoutmtls.token;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

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
public record TokenSettings(URI tokenUri, String clientId, String clientSecret,
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

}
