package io.github.checkoutmtls.token;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import com.nimbusds.jwt.JWTParser;
import io.github.checkoutmtls.autoconfigure.CheckoutMtlsAutoConfiguration;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.Pem;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.pki.TestPkiFiles;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Jwt mode against an independent RFC 8705 implementation, Spring Authorization Server
 * and Spring Security's resource server ({@link SpringAuthorizationServerPeer}), over
 * real mTLS handshakes.
 */
class SpringAuthorizationServerPeerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@TempDir
	static Path directory;

	private static final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	// Same subject DN as the PKI's leaf, so the peer would authenticate it as the same
	// client: only the certificate binding tells the two apart.
	private static final CertificateAndKey otherLeaf = pki.issueLeaf("merchant.internal", KeyType.EC_P256);

	private static TestPkiFiles files;

	private static SpringAuthorizationServerPeer peer;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CheckoutMtlsAutoConfiguration.class, SslAutoConfiguration.class,
				WebClientAutoConfiguration.class));

	@BeforeAll
	static void startPeer() {
		files = pki.writeTo(directory);
		peer = SpringAuthorizationServerPeer.start(pki, files, otherLeaf.thumbprint());
	}

	@AfterAll
	static void stopPeer() {
		if (peer != null) {
			peer.close();
		}
	}

	@Test
	void requestInJwtModeGetsTokenByTlsClientAuthAndIsAcceptedByBindingResourceServer() {
		jwtMode(SpringAuthorizationServerPeer.CLIENT_ID).run((context) -> {
			ResponseEntity<Map<String, String>> response = getPayment(
					context.getBean("checkoutWebClient", WebClient.class));
			assertThat(response.getStatusCode().value()).isEqualTo(200);
			assertThat(response.getBody()).containsEntry("id", "pay_1")
				.containsEntry("client_id", SpringAuthorizationServerPeer.CLIENT_ID);
			AccessToken token = context.getBean(TokenCache.class).cached();
			assertThat(token.thumbprint()).isEqualTo(pki.leaf().thumbprint());
			assertThat(boundThumbprint(token.value())).isEqualTo(pki.leaf().thumbprint());
		});
	}

	@Test
	void bearerRequestWhenTokenIsPresentedWithAnotherCertificateIsRefusedByResourceServer() {
		jwtMode(SpringAuthorizationServerPeer.CLIENT_ID).run((context) -> {
			getPayment(context.getBean("checkoutWebClient", WebClient.class));
			String token = context.getBean(TokenCache.class).cached().value();
			assertThat(otherLeaf.subject()).isEqualTo(pki.leaf().subject());
			Reply withOtherLeaf = getPayment(otherLeaf, token);
			assertThat(withOtherLeaf.status()).isEqualTo(401);
			assertThat(withOtherLeaf.authenticate()).contains("invalid_token")
				.contains("Invalid SHA-256 Thumbprint for X509Certificate");
			Reply withBoundLeaf = getPayment(pki.leaf(), token);
			assertThat(withBoundLeaf.status()).isEqualTo(200);
			assertThat(withBoundLeaf.body()).contains("\"client_id\":\"" + SpringAuthorizationServerPeer.CLIENT_ID);
		});
	}

	@Test
	void requestWhenAccessHostBindsTokenToAnotherCertificateFailsWithTokenBindingException() {
		jwtMode(SpringAuthorizationServerPeer.REBINDING_CLIENT_ID).run((context) -> {
			WebClient client = context.getBean("checkoutWebClient", WebClient.class);
			assertThatExceptionOfType(TokenBindingException.class).isThrownBy(() -> getPayment(client))
				.withMessageContaining("cnf.x5t#S256=" + otherLeaf.thumbprint())
				.withMessageContaining("(x5t#S256=" + pki.leaf().thumbprint() + ")");
			assertThat(context.getBean(TokenCache.class).cached()).isNull();
		});
	}

	@Test
	void tokenRequestWhenLeafSubjectIsNotTheRegisteredDnFailsWithInvalidClient() throws Exception {
		CertificateAndKey stranger = pki.issueLeaf("stranger.internal", KeyType.EC_P256);
		Path chain = Files.writeString(directory.resolve("stranger-chain.pem"),
				Pem.certificates(pki.chainFor(stranger)));
		Path key = Files.writeString(directory.resolve("stranger-key.pem"), Pem.privateKey(stranger.privateKey()));
		jwtMode(SpringAuthorizationServerPeer.CLIENT_ID)
			.withPropertyValues("checkout.mtls.pem.certificate=file:" + chain,
					"checkout.mtls.pem.private-key=file:" + key)
			.run((context) -> {
				WebClient client = context.getBean("checkoutWebClient", WebClient.class);
				assertThatExceptionOfType(TokenRequestException.class).isThrownBy(() -> getPayment(client))
					.satisfies((ex) -> assertThat(ex.getError()).isEqualTo("invalid_client"))
					.withMessageContaining("checkout.mtls.jwt.client-id");
			});
	}

	private ApplicationContextRunner jwtMode(String clientId) {
		return this.contextRunner.withPropertyValues("checkout.mtls.auth-mode=jwt",
				"checkout.mtls.jwt.client-id=" + clientId, "checkout.mtls.jwt.client-authentication=tls-client-auth",
				"checkout.mtls.jwt.scopes=gateway", "checkout.mtls.jwt.token-path=/oauth2/token",
				"checkout.mtls.access-base-url=" + peer.baseUrl(), "checkout.mtls.api-base-url=" + peer.baseUrl(),
				"checkout.mtls.pem.certificate=file:" + files.chain(),
				"checkout.mtls.pem.private-key=file:" + files.privateKey(),
				"checkout.mtls.trust.certificates=file:" + files.serverCa());
	}

	private static ResponseEntity<Map<String, String>> getPayment(WebClient client) {
		return client.get()
			.uri("/payments/pay_1")
			.retrieve()
			.toEntity(new ParameterizedTypeReference<Map<String, String>>() {
			})
			.block(TIMEOUT);
	}

	private static Reply getPayment(CertificateAndKey leaf, String token) throws Exception {
		SslContext sslContext = SslContextBuilder.forClient()
			.keyManager(leaf.privateKey(), pki.chainFor(leaf).toArray(X509Certificate[]::new))
			.trustManager(pki.serverCa())
			.build();
		return HttpClient.create()
			.secure((spec) -> spec.sslContext(sslContext))
			.headers((headers) -> headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.get()
			.uri(peer.baseUrl() + "/payments/pay_1")
			.responseSingle((response, body) -> body.asString()
				.defaultIfEmpty("")
				.map((text) -> new Reply(response.status().code(),
						response.responseHeaders().get(HttpHeaders.WWW_AUTHENTICATE), text)))
			.block(TIMEOUT);
	}

	private static String boundThumbprint(String token) throws Exception {
		Map<String, Object> confirmation = JWTParser.parse(token).getJWTClaimsSet().getJSONObjectClaim("cnf");
		return (String) confirmation.get("x5t#S256");
	}

	private record Reply(int status, String authenticate, String body) {

	}

}
