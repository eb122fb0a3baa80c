package io.github.checkoutmtls.test.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * An OAuth client the token endpoint knows.
 *
 * @param clientId the client id
 * @param clientSecret the secret, or {@code null} for {@code tls_client_auth} (the
 * certificate authenticates)
 */
record ClientRegistration(String clientId, String clientSecret) {

	boolean usesTlsClientAuth() {
		return this.clientSecret == null;
	}

	boolean secretMatches(String presented) {
		// Constant time, as a real token endpoint would compare
		return presented != null && MessageDigest.isEqual(this.clientSecret.getBytes(StandardCharsets.UTF_8),
				presented.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public String toString() {
		return "ClientRegistration[clientId=" + this.clientId + "]";
	}

}
