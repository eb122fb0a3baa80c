package io.github.checkoutmtls.test.simulator;

import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.checkoutmtls.test.pki.KeyType;

/**
 * Issues ES256 access tokens bound to the client leaf (RFC 8705 {@code cnf.x5t#S256}) and
 * checks them on the API host. Keeps every issued token so tests can inspect them, and
 * can revoke them all.
 */
final class TokenService {

	static final String CONFIRMATION_CLAIM = "cnf";

	static final String THUMBPRINT_MEMBER = "x5t#S256";

	private final KeyPair signingKey = KeyType.EC_P256.generateKeyPair();

	private final String keyId = UUID.randomUUID().toString();

	private final Clock clock;

	private final Duration lifetime;

	private final Supplier<String> issuer;

	private final ConcurrentLinkedQueue<IssuedToken> issued = new ConcurrentLinkedQueue<>();

	// What tests see; the full list above stays revocable after the records are cleared
	private final ConcurrentLinkedQueue<IssuedToken> recorded = new ConcurrentLinkedQueue<>();

	private final Set<String> revoked = ConcurrentHashMap.newKeySet();

	TokenService(Clock clock, Duration lifetime, Supplier<String> issuer) {
		this.clock = clock;
		this.lifetime = lifetime;
		this.issuer = issuer;
	}

	IssuedToken issue(String clientId, String scope, String thumbprint) {
		// JWT times have second precision: keep the recorded instants equal to the claims
		Instant issuedAt = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		Instant expiresAt = issuedAt.plus(this.lifetime);
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.issuer.get())
			.subject(clientId)
			.claim("client_id", clientId)
			.issueTime(Date.from(issuedAt))
			.expirationTime(Date.from(expiresAt))
			.jwtID(UUID.randomUUID().toString())
			.claim(CONFIRMATION_CLAIM, Map.of(THUMBPRINT_MEMBER, thumbprint));
		if (scope != null) {
			claims.claim("scope", scope);
		}
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt")).keyID(this.keyId).build(),
				claims.build());
		try {
			jwt.sign(new ECDSASigner((ECPrivateKey) this.signingKey.getPrivate()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign access token", ex);
		}
		IssuedToken token = new IssuedToken(jwt.serialize(), clientId, scope, thumbprint, issuedAt, expiresAt);
		this.issued.add(token);
		this.recorded.add(token);
		return token;
	}

	/**
	 * Checks a bearer token presented on the API host.
	 * @param token the token
	 * @param thumbprint {@code x5t#S256} of the leaf presented on the request's
	 * connection
	 * @return {@code null} if the token is good, otherwise the {@code error_description}
	 */
	String problem(String token, String thumbprint) {
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			if (!jwt.verify(new ECDSAVerifier((ECPublicKey) this.signingKey.getPublic()))) {
				return "signature invalid";
			}
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			Date expiration = claims.getExpirationTime();
			if (expiration == null || !this.clock.instant().isBefore(expiration.toInstant())) {
				return "token expired";
			}
			if (this.revoked.contains(claims.getJWTID())) {
				return "token revoked";
			}
			Map<String, Object> confirmation = claims.getJSONObjectClaim(CONFIRMATION_CLAIM);
			if (confirmation == null || !thumbprint.equals(confirmation.get(THUMBPRINT_MEMBER))) {
				return "certificate binding mismatch";
			}
			return null;
		}
		catch (ParseException | JOSEException | ClassCastException ex) {
			return "malformed token";
		}
	}

	void revokeAll() {
		for (IssuedToken token : this.issued) {
			try {
				this.revoked.add(SignedJWT.parse(token.token()).getJWTClaimsSet().getJWTID());
			}
			catch (ParseException ex) {
				throw new IllegalStateException("Cannot read an issued token", ex);
			}
		}
	}

	List<IssuedToken> issued() {
		return List.copyOf(this.recorded);
	}

	void clearRecords() {
		this.recorded.clear();
	}

	ECPublicKey verificationKey() {
		return (ECPublicKey) this.signingKey.getPublic();
	}

}
