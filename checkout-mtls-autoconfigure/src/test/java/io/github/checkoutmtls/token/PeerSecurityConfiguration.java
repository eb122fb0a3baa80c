package io.github.checkoutmtls.token;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.servlet.filter.OrderedFilter;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Spring Security of {@link SpringAuthorizationServerPeer}: an authorization server
 * issuing RFC 8705 certificate-bound tokens to {@code tls_client_auth} clients, and a
 * resource server on {@code /payments/**} that accepts a token only over a connection
 * presenting the leaf it is bound to.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class PeerSecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http) {
		http.oauth2AuthorizationServer((server) -> http.securityMatcher(server.getEndpointsMatcher()))
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain resourceServerSecurityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder) {
		http.securityMatcher("/payments/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasAuthority("SCOPE_gateway"))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> jwt.decoder(jwtDecoder)));
		return http.build();
	}

	// Boot's own registration lives in spring-boot-security, which is not on the
	// classpath. The chain must run after Boot's RequestContextFilter (order -105): the
	// x5t#S256 check reads the client certificate through RequestContextHolder.
	@Bean
	DelegatingFilterProxyRegistrationBean securityFilterChainRegistration() {
		DelegatingFilterProxyRegistrationBean registration = new DelegatingFilterProxyRegistrationBean(
				AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME);
		registration.setOrder(OrderedFilter.REQUEST_WRAPPER_FILTER_MAX_ORDER - 100);
		return registration;
	}

	@Bean
	RegisteredClientRepository registeredClientRepository(@Value("${peer.client-subject-dn}") String subjectDn) {
		return new InMemoryRegisteredClientRepository(tlsClient(SpringAuthorizationServerPeer.CLIENT_ID, subjectDn),
				tlsClient(SpringAuthorizationServerPeer.REBINDING_CLIENT_ID, subjectDn));
	}

	private static RegisteredClient tlsClient(String clientId, String subjectDn) {
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientAuthenticationMethod(ClientAuthenticationMethod.TLS_CLIENT_AUTH)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope("gateway")
			.clientSettings(ClientSettings.builder().x509CertificateSubjectDN(subjectDn).build())
			.tokenSettings(org.springframework.security.oauth2.server.authorization.settings.TokenSettings.builder()
				.x509CertificateBoundAccessTokens(true)
				.build())
			.build();
	}

	/**
	 * Runs after Spring Authorization Server's own customizer, which sets
	 * {@code cnf.x5t#S256} to the presented leaf: for the rebinding client, replaces it
	 * with another certificate's thumbprint, as a TLS-intercepting proxy on the token
	 * request would cause.
	 * @param foreignThumbprint the thumbprint to bind the rebinding client's tokens to
	 * @return the customizer
	 */
	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> rebindingTokenCustomizer(
			@Value("${peer.foreign-thumbprint}") String foreignThumbprint) {
		return (context) -> {
			if (SpringAuthorizationServerPeer.REBINDING_CLIENT_ID.equals(context.getRegisteredClient().getClientId())) {
				context.getClaims().claim("cnf", Map.of("x5t#S256", foreignThumbprint));
			}
		};
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings() {
		return AuthorizationServerSettings.builder().build();
	}

	@Bean
	KeyPair peerSigningKeyPair() throws NoSuchAlgorithmException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		return generator.generateKeyPair();
	}

	@Bean
	JWKSource<SecurityContext> jwkSource(KeyPair peerSigningKeyPair) {
		RSAKey key = new RSAKey.Builder((RSAPublicKey) peerSigningKeyPair.getPublic())
			.privateKey((RSAPrivateKey) peerSigningKeyPair.getPrivate())
			.keyID(UUID.randomUUID().toString())
			.build();
		return new ImmutableJWKSet<>(new JWKSet(key));
	}

	// NimbusJwtDecoder's default validator (JwtValidators.createDefault()) includes the
	// RFC 8705 check: a token with cnf.x5t#S256 is valid only on a request whose client
	// certificate has that thumbprint.
	@Bean
	JwtDecoder jwtDecoder(KeyPair peerSigningKeyPair) {
		return NimbusJwtDecoder.withPublicKey((RSAPublicKey) peerSigningKeyPair.getPublic()).build();
	}

}
