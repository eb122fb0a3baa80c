package io.github.checkoutmtls.test.simulator;

import java.time.Instant;

/**
 * An access token the simulator's token endpoint issued.
 *
 * <p>
 * {@link #toString()} leaves out the token itself.
 *
 * @param token the JWT
 * @param clientId the client it was issued to
 * @param scope the granted scope, space separated, or {@code null}
 * @param thumbprint {@code x5t#S256} of the client leaf the token is bound to
 * ({@code cnf})
 * @param issuedAt the {@code iat} claim
 * @param expiresAt the {@code exp} claim
 */
public record IssuedToken(String token, String clientId, String scope, String thumbprint, Instant issuedAt,
		Instant expiresAt) {

	@Override
	public String toString() {
		return "IssuedToken[clientId=" + this.clientId + ", scope=" + this.scope + ", thumbprint=" + this.thumbprint
				+ ", issuedAt=" + this.issuedAt + ", expiresAt=" + this.expiresAt + "]";
	}

}
