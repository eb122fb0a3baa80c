package io.github.checkoutmtls.token;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;

/**
 * What the client reads from an access token's JWT payload without verifying its
 * signature (the API host does that): the expiry and the RFC 8705 certificate binding.
 *
 * @param expiresAt the {@code exp} claim, or {@code null}
 * @param boundThumbprint the {@code cnf.x5t#S256} claim, or {@code null}
 */
record TokenClaims(Instant expiresAt, String boundThumbprint) {

	private static final TokenClaims NONE = new TokenClaims(null, null);

	/**
	 * Reads the claims of a token; an opaque token has none: one that is not a JWT, or an
	 * encrypted one (JWE), whose claims only its recipient can read.
	 * @param token the access token
	 * @return the claims
	 */
	static TokenClaims of(String token) {
		try {
			JWTClaimsSet claims = JWTParser.parse(token).getJWTClaimsSet();
			if (claims == null) {
				// An encrypted JWT before decryption: Nimbus has no claims to give.
				return NONE;
			}
			Date expiration = claims.getExpirationTime();
			return new TokenClaims((expiration != null) ? expiration.toInstant() : null, thumbprint(claims));
		}
		catch (ParseException ex) {
			return NONE;
		}
	}

	private static String thumbprint(JWTClaimsSet claims) throws ParseException {
		Map<String, Object> confirmation = claims.getJSONObjectClaim("cnf");
		Object thumbprint = (confirmation != null) ? confirmation.get("x5t#S256") : null;
		return (thumbprint != null) ? thumbprint.toString() : null;
	}

}
