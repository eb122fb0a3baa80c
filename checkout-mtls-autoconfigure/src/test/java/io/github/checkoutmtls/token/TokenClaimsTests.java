package io.github.checkoutmtls.token;

import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TokenClaims}.
 */
class TokenClaimsTests {

	@Test
	void ofReadsExpiryAndCertificateThumbprint() {
		TokenClaims claims = TokenClaims.of(unsignedJwt("{\"exp\":1800000000,\"cnf\":{\"x5t#S256\":\"abc_DEF-123\"}}"));
		assertThat(claims.expiresAt()).isEqualTo(Instant.ofEpochSecond(1800000000));
		assertThat(claims.boundThumbprint()).isEqualTo("abc_DEF-123");
	}

	@Test
	void ofWithoutConfirmationHasNoThumbprint() {
		TokenClaims claims = TokenClaims.of(unsignedJwt("{\"exp\":1800000000}"));
		assertThat(claims.boundThumbprint()).isNull();
	}

	@Test
	void ofOpaqueTokenHasNoClaims() {
		assertThat(TokenClaims.of("opaque-token-value")).isEqualTo(new TokenClaims(null, null));
	}

	private static String unsignedJwt(String payload) {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		return encoder.encodeToString("{\"alg\":\"none\"}".getBytes()) + "."
				+ encoder.encodeToString(payload.getBytes()) + ".";
	}

}
