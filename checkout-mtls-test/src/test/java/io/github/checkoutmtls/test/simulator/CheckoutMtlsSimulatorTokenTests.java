package io.github.checkoutmtls.test.simulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.MtlsTestClient.Response;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the access host of {@link CheckoutMtlsSimulator} and the API host's token
 * checks (RFC 8705).
 */
class CheckoutMtlsSimulatorTokenTests {

	private static final String CN = "merchant.internal";

	private static final String FORM = "application/x-www-form-urlencoded";

	private static final String CREDENTIALS = "grant_type=client_credentials&client_id=ck_1&client_secret=s3cret";

	private final JsonMapper json = JsonMapper.builder().build();

	private final TestPki pki = TestPki.builder().commonName(CN).build();

	private final MutableClock clock = new MutableClock();

	private CheckoutMtlsSimulator simulator;

	@AfterEach
	void stop() {
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

	@Test
	void clientSecretPostIssuesJwtBoundToPresentedLeaf() throws Exception {
		start((builder) -> builder.client("ck_1", "s3cret"));
		Response response = token(CREDENTIALS + "&scope=gateway%20vault");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Cache-Control")).isEqualTo("no-store");
		assertThat(response.header("Cko-Request-Id")).matches(MtlsTestClient.UUID);
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.get("token_type").stringValue()).isEqualTo("Bearer");
		assertThat(body.get("expires_in").longValue()).isEqualTo(3600);
		assertThat(body.get("scope").stringValue()).isEqualTo("gateway vault");
		SignedJWT jwt = SignedJWT.parse(body.get("access_token").stringValue());
		assertThat(jwt.verify(new ECDSAVerifier(this.simulator.tokenVerificationKey()))).isTrue();
		assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(this.simulator.accessBaseUrl());
		assertThat(claims.getSubject()).isEqualTo("ck_1");
		assertThat(claims.getStringClaim("client_id")).isEqualTo("ck_1");
		assertThat(claims.getStringClaim("scope")).isEqualTo("gateway vault");
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(3_600_000);
		assertThat(claims.getJSONObjectClaim("cnf")).containsEntry("x5t#S256", this.pki.leaf().thumbprint());
		assertThat(this.simulator.tokenRequests()).isEqualTo(1);
		assertThat(this.simulator.issuedTokens()).singleElement().satisfies((issued) -> {
			assertThat(issued.token()).isEqualTo(jwt.serialize());
			assertThat(issued.thumbprint()).isEqualTo(this.pki.leaf().thumbprint());
			assertThat(issued.expiresAt()).isEqualTo(claims.getExpirationTime().toInstant());
			assertThat(issued.toString()).doesNotContain(issued.token());
		});
		assertThat(this.simulator.exchanges()).singleElement().satisfies((exchange) -> {
			assertThat(exchange.host()).isEqualTo(SimulatorHost.ACCESS);
			assertThat(exchange.path()).isEqualTo("/connect/token");
			assertThat(exchange.toString()).doesNotContain("s3cret");
		});
	}

	@Test
	void clientSecretBasicDecodesUrlEncodedCredentials() {
		start((builder) -> builder.client("ck 1:x", "p@ss:w/rd+"));
		String credentials = encode("ck 1:x") + ":" + encode("p@ss:w/rd+");
		Response response = exchange(HttpMethod.POST, this.simulator.tokenUrl(), "grant_type=client_credentials",
				Map.of("Content-Type", FORM, "Authorization",
						"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))));
		assertThat(response.status()).isEqualTo(200);
		assertThat(this.simulator.issuedTokens()).singleElement()
			.satisfies((issued) -> assertThat(issued.clientId()).isEqualTo("ck 1:x"));
	}

	@Test
	void clientSecretBasicWithWrongSecretIs401InvalidClient() {
		start((builder) -> builder.client("ck_1", "s3cret"));
		String credentials = Base64.getEncoder().encodeToString("ck_1:nope".getBytes(StandardCharsets.UTF_8));
		Response response = exchange(HttpMethod.POST, this.simulator.tokenUrl(), "grant_type=client_credentials",
				Map.of("Content-Type", FORM, "Authorization", "Basic " + credentials));
		assertThat(response.status()).isEqualTo(401);
		assertThat(error(response)).isEqualTo("invalid_client");
	}

	@Test
	void tlsClientAuthNeedsOnlyClientId() {
		start((builder) -> builder.client("ck_tls", null));
		assertThat(token("grant_type=client_credentials&client_id=ck_tls").status()).isEqualTo(200);
		Response withSecret = token("grant_type=client_credentials&client_id=ck_tls&client_secret=x");
		assertThat(withSecret.status()).isEqualTo(400);
		assertThat(error(withSecret)).isEqualTo("invalid_client");
	}

	@Test
	void wrongSecretOrUnknownClientIsInvalidClient() {
		start((builder) -> builder.client("ck_1", "s3cret"));
		Response wrongSecret = token("grant_type=client_credentials&client_id=ck_1&client_secret=nope");
		assertThat(wrongSecret.status()).isEqualTo(400);
		assertThat(error(wrongSecret)).isEqualTo("invalid_client");
		Response unknown = token("grant_type=client_credentials&client_id=ck_2&client_secret=s3cret");
		assertThat(error(unknown)).isEqualTo("invalid_client");
		assertThat(this.simulator.issuedTokens()).isEmpty();
		assertThat(this.simulator.tokenRequests()).isEqualTo(2);
	}

	@Test
	void otherGrantIsUnsupportedGrantType() {
		start((builder) -> builder.client("ck_1", "s3cret"));
		Response response = token("grant_type=password&client_id=ck_1&client_secret=s3cret");
		assertThat(response.status()).isEqualTo(400);
		assertThat(error(response)).isEqualTo("unsupported_grant_type");
	}

	@Test
	void scopeOutsideAllowedScopesIsInvalidScope() {
		start((builder) -> builder.client("ck_1", "s3cret").allowedScopes("gateway", "vault"));
		Response response = token(CREDENTIALS + "&scope=gateway+disputes");
		assertThat(response.status()).isEqualTo(400);
		assertThat(error(response)).isEqualTo("invalid_scope");
		Response all = token(CREDENTIALS);
		assertThat(this.json.readTree(all.body()).get("scope").stringValue()).isEqualTo("gateway vault");
	}

	@Test
	void omitExpiresInLeavesItOutButJwtStillExpires() throws Exception {
		start((builder) -> builder.client("ck_1", "s3cret").omitExpiresIn(true).tokenLifetime(Duration.ofMinutes(5)));
		JsonNode body = this.json.readTree(token(CREDENTIALS).body());
		assertThat(body.has("expires_in")).isFalse();
		JWTClaimsSet claims = SignedJWT.parse(body.get("access_token").stringValue()).getJWTClaimsSet();
		assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(300_000);
	}

	@Test
	void customTokenPathIsServedAndDefaultIsNot() {
		start((builder) -> builder.client("ck_1", "s3cret").tokenPath("/oauth2/token"));
		assertThat(this.simulator.tokenUrl()).endsWith("/oauth2/token");
		assertThat(token(CREDENTIALS).status()).isEqualTo(200);
		Response atDefault = exchange(HttpMethod.POST, this.simulator.accessBaseUrl() + "/connect/token",
				"grant_type=client_credentials", Map.of("Content-Type", FORM));
		assertThat(atDefault.status()).isEqualTo(404);
	}

	@Test
	void failNextAnswersWithStatusThenRecovers() {
		start((builder) -> builder.client("ck_1", "s3cret"));
		this.simulator.tokenFaults().failNext(2, 503);
		String form = CREDENTIALS;
		assertThat(token(form).status()).isEqualTo(503);
		assertThat(token(form).status()).isEqualTo(503);
		assertThat(token(form).status()).isEqualTo(200);
		assertThat(this.simulator.tokenRequests()).isEqualTo(3);
	}

	@Test
	void errorNextAnswersWithOauthError() {
		start((builder) -> builder.client("ck_1", "s3cret"));
		this.simulator.tokenFaults().errorNext(1, "temporarily_unavailable");
		Response response = token(CREDENTIALS);
		assertThat(response.status()).isEqualTo(400);
		assertThat(error(response)).isEqualTo("temporarily_unavailable");
	}

	@Test
	void delayNextDelaysWithoutBlockingOtherHosts() {
		start((builder) -> builder.client("ck_1", "s3cret"));
		this.simulator.tokenFaults().delayNext(1, Duration.ofMillis(500));
		MtlsTestClient client = client();
		long started = System.nanoTime();
		var delayed = client
			.request(HttpMethod.POST, this.simulator.tokenUrl(), CREDENTIALS, Map.of("Content-Type", FORM))
			.toFuture();
		assertThat(client.get(this.simulator.apiBaseUrl() + "/payments/pay_x").status()).isEqualTo(404);
		assertThat(delayed.join().status()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
	}

	@Test
	void requireTokenRefusesRequestWithoutToken() {
		start((builder) -> builder.client("ck_1", "s3cret").requireToken(true));
		Response response = client().get(this.simulator.apiBaseUrl() + "/payments/pay_x");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
		assertThat(response.header("Cko-Request-Id")).matches(MtlsTestClient.UUID);
	}

	@Test
	void requireTokenAcceptsTokenBoundToSameLeaf() {
		start((builder) -> builder.client("ck_1", "s3cret").requireToken(true));
		this.simulator.addPayment("pay_1", "Authorized", 100, "EUR");
		String token = accessToken();
		Response response = withToken(client(), "/payments/pay_1", token);
		assertThat(response.status()).isEqualTo(200);
		assertThat(this.simulator.exchanges()).last().satisfies((exchange) -> {
			assertThat(exchange.bearerToken()).isEqualTo(token);
			assertThat(exchange.toString()).doesNotContain(token);
		});
	}

	@Test
	void requireTokenRefusesTokenBoundToAnotherLeaf() {
		start((builder) -> builder.client("ck_1", "s3cret").requireToken(true));
		String token = accessToken();
		CertificateAndKey rotated = this.pki.issueLeaf(CN, KeyType.EC_P256);
		Response response = withToken(MtlsTestClient.of(this.pki.chainFor(rotated), rotated, this.simulator),
				"/payments/pay_1", token);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate"))
			.isEqualTo("Bearer error=\"invalid_token\", error_description=\"certificate binding mismatch\"");
	}

	@Test
	void requireTokenRefusesExpiredToken() {
		start((builder) -> builder.client("ck_1", "s3cret").requireToken(true).clock(this.clock));
		String token = accessToken();
		this.clock.advance(Duration.ofHours(1));
		Response response = withToken(client(), "/payments/pay_1", token);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).contains("error=\"invalid_token\"").contains("expired");
	}

	@Test
	void requireTokenRefusesTamperedSignature() {
		start((builder) -> builder.client("ck_1", "s3cret").requireToken(true));
		String token = accessToken();
		String[] parts = token.split("\\.");
		String tampered = parts[0] + "." + parts[1] + "." + ((parts[2].charAt(0) == 'A') ? "B" : "A")
				+ parts[2].substring(1);
		Response response = withToken(client(), "/payments/pay_1", tampered);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
	}

	@Test
	void revokeAllTokensRefusesIssuedTokensUntilRefetched() {
		start((builder) -> builder.client("ck_1", "s3cret").requireToken(true));
		String first = accessToken();
		assertThat(withToken(client(), "/payments/pay_1", first).status()).isEqualTo(404);
		this.simulator.revokeAllTokens();
		assertThat(withToken(client(), "/payments/pay_1", first).status()).isEqualTo(401);
		String second = accessToken();
		assertThat(withToken(client(), "/payments/pay_1", second).status()).isEqualTo(404);
		assertThat(this.simulator.tokenRequests()).isEqualTo(2);
	}

	@Test
	void accessHostAppliesSameClientCertificateRules() {
		start((builder) -> builder.client("ck_1", "s3cret"));
		TestPki other = TestPki.builder().commonName(CN).build();
		MtlsTestClient.of(other.chain(), other.leaf(), this.simulator).failure(this.simulator.tokenUrl());
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.simulator.handshakeRejections().isEmpty());
		assertThat(this.simulator.handshakeRejections()).allSatisfy((rejection) -> {
			assertThat(rejection.host()).isEqualTo(SimulatorHost.ACCESS);
			assertThat(rejection.reason()).startsWith("chain does not validate to a registered root");
		});
		CertificateAndKey otherName = this.pki.issueLeaf("someone.else", KeyType.EC_P256);
		Response response = MtlsTestClient.of(this.pki.chainFor(otherName), otherName, this.simulator)
			.exchange(HttpMethod.POST, this.simulator.tokenUrl(), CREDENTIALS, Map.of("Content-Type", FORM));
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body()).isEmpty();
		assertThat(this.simulator.tokenRequests()).isZero();
	}

	private void start(Consumer<CheckoutMtlsSimulatorBuilder> customizer) {
		CheckoutMtlsSimulatorBuilder builder = CheckoutMtlsSimulator.builder()
			.serverCertificate(this.pki.server(), this.pki.serverCa())
			.trustedRoots(this.pki.root().certificate())
			.registeredCommonName(CN);
		customizer.accept(builder);
		this.simulator = builder.start();
	}

	private MtlsTestClient client() {
		return MtlsTestClient.of(this.pki, this.simulator);
	}

	private Response token(String form) {
		return exchange(HttpMethod.POST, this.simulator.tokenUrl(), form, Map.of("Content-Type", FORM));
	}

	private Response exchange(HttpMethod method, String url, String body, Map<String, String> headers) {
		return client().exchange(method, url, body, headers);
	}

	private String accessToken() {
		Response response = token(CREDENTIALS);
		assertThat(response.status()).isEqualTo(200);
		return this.json.readTree(response.body()).get("access_token").stringValue();
	}

	private Response withToken(MtlsTestClient client, String path, String token) {
		return client.exchange(HttpMethod.GET, this.simulator.apiBaseUrl() + path, null,
				Map.of("Authorization", "Bearer " + token));
	}

	private String error(Response response) {
		return this.json.readTree(response.body()).get("error").stringValue();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
