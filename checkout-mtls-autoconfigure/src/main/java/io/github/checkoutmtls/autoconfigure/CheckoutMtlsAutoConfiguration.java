package io.github.checkoutmtls.autoconfigure;

import java.time.Clock;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.connector.ConnectorSettings;
import io.github.checkoutmtls.connector.ReactorNettyConnectorFactory;
import io.github.checkoutmtls.diagnostics.HandshakeDiagnosisFilter;
import io.github.checkoutmtls.diagnostics.HandshakeFailureListener;
import io.github.checkoutmtls.diagnostics.UnauthorizedDiagnosisFilter;
import io.github.checkoutmtls.identity.CertificateChecks;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.identity.ClientIdentityLoader;
import io.github.checkoutmtls.retry.IdempotencyKeyFilter;
import io.github.checkoutmtls.retry.RetryFilter;
import io.github.checkoutmtls.retry.RetryPolicy;
import io.github.checkoutmtls.token.BearerTokenFilter;
import io.github.checkoutmtls.token.ClientCredentialsTokenFetcher;
import io.github.checkoutmtls.token.TokenCache;
import io.github.checkoutmtls.token.TokenFetchListener;
import io.github.checkoutmtls.token.TokenFetcher;
import reactor.netty.http.client.HttpClient;

/**
 * Auto-configuration of {@code checkoutWebClient}: a {@link WebClient} that calls Checkout's mTLS API
 * host presenting the configured client certificate chain.
 */
@AutoConfiguration(after = SslAutoConfiguration.class,
		afterName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration")
@ConditionalOnClass({ WebClient.class, HttpClient.class })
@ConditionalOnBooleanProperty(name = "checkout.mtls.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CheckoutMtlsProperties.class)
public final class CheckoutMtlsAutoConfiguration {

	private static final Log logger = LogFactory.getLog(CheckoutMtlsAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	CheckoutMtlsEndpoints checkoutMtlsEndpoints(CheckoutMtlsProperties properties) {
		// Every other bean depends on this one: the settings are checked once, before anything uses them.
		PositiveSettings.check(properties);
		return CheckoutMtlsEndpoints.from(properties);
	}

	@Bean
	@ConditionalOnMissingBean(ClientIdentityLoader.class)
	ClientIdentityLoader checkoutMtlsIdentityLoader(CheckoutMtlsProperties properties, ResourceLoader resourceLoader,
			ObjectProvider<SslBundles> sslBundles) {
		return KeyMaterialSources.loader(properties, resourceLoader, sslBundles.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	CertificateChecks checkoutMtlsCertificateChecks(CheckoutMtlsProperties properties,
			ResourceLoader resourceLoader) {
		CertificateChecks checks = new CertificateChecks(properties.getExpectedCommonName(),
				properties.getCertificate().getExpiryWarning(), Clock.systemUTC());
		String registeredRoots = properties.getRegisteredRoots();
		return StringUtils.hasText(registeredRoots) ? checks.withRegisteredRoots(resourceLoader, registeredRoots)
				: checks;
	}

	@Bean
	@ConditionalOnMissingBean
	CheckoutMtlsConnector checkoutMtlsConnector(CheckoutMtlsProperties properties, CheckoutMtlsEndpoints endpoints,
			ClientIdentityLoader checkoutMtlsIdentityLoader, CertificateChecks checkoutMtlsCertificateChecks,
			ResourceLoader resourceLoader, ObjectProvider<SslBundles> sslBundles) {
		ClientIdentity identity = checkoutMtlsCertificateChecks.enforce(checkoutMtlsIdentityLoader.load());
		CheckoutMtlsProperties.Http http = properties.getHttp();
		ConnectorSettings settings = new ConnectorSettings(http.getConnectTimeout(), http.getResponseTimeout(),
				http.getMaxConnections(), http.getMaxIdleTime(), http.getMaxLifeTime(),
				TrustMaterial.load(properties, resourceLoader, sslBundles.getIfAvailable()), http.getSslProvider());
		CheckoutMtlsConnector connector = new CheckoutMtlsConnector(identity, new ReactorNettyConnectorFactory(settings));
		logReady(properties, endpoints, identity);
		return connector;
	}

	@Bean
	@ConditionalOnMissingBean(name = "checkoutWebClient")
	WebClient checkoutWebClient(CheckoutMtlsProperties properties, ObjectProvider<WebClient.Builder> webClientBuilder,
			CheckoutMtlsConnector connector, CheckoutMtlsEndpoints endpoints, ObjectProvider<TokenCache> tokenCache,
			ObjectProvider<CheckoutWebClientCustomizer> customizers,
			ObjectProvider<HandshakeFailureListener> handshakeFailureListeners) {
		boolean jwt = properties.getAuthMode() == AuthMode.JWT;
		WebClient.Builder builder = webClientBuilder.getIfAvailable(WebClient::builder)
			.baseUrl(endpoints.apiBaseUrl().toString())
			.clientConnector(connector);
		// Outermost first: the idempotency key is fixed before the bearer filter's 401 retry and the retries.
		if (properties.getIdempotency().isAutoGenerate()) {
			builder.filter(new IdempotencyKeyFilter());
		}
		// A 401 is diagnosed only once the bearer filter's one retry has failed too.
		builder.filter(new UnauthorizedDiagnosisFilter(connector::identity, jwt));
		if (jwt) {
			builder.filter(new BearerTokenFilter(endpoints.apiBaseUrl(), connector::identity, requireTokens(tokenCache)));
		}
		builder.filter(new HandshakeDiagnosisFilter(connector::identity, Clock.systemUTC(),
				handshakeFailures(handshakeFailureListeners)));
		// Innermost: a retried attempt carries the same token and key, and a 401 is not its business.
		if (properties.getRetry().isEnabled()) {
			builder.filter(new RetryFilter(retryPolicy(properties.getRetry()), Clock.systemUTC()));
		}
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	private static HandshakeFailureListener handshakeFailures(ObjectProvider<HandshakeFailureListener> listeners) {
		List<HandshakeFailureListener> all = listeners.orderedStream().toList();
		return (failure) -> all.forEach((listener) -> listener.handshakeFailed(failure));
	}

	private static RetryPolicy retryPolicy(CheckoutMtlsProperties.Retry retry) {
		return new RetryPolicy(retry.getMaxAttempts(), retry.getInitialBackoff(), retry.getMaxBackoff(),
				retry.getDeadline());
	}

	private static TokenCache requireTokens(ObjectProvider<TokenCache> tokenCache) {
		TokenCache tokens = tokenCache.getIfAvailable();
		if (tokens == null) {
			throw new AuthModeUnavailableException("jwt mode needs spring-security-oauth2-client on the classpath",
					"checkout.mtls.auth-mode", "jwt", "Depend on checkout-mtls-starter, which brings it, or add"
							+ " org.springframework.security:spring-security-oauth2-client (not Boot's OAuth2 client"
							+ " starter, which would secure your application's endpoints).");
		}
		return tokens;
	}

	/**
	 * Token support for jwt mode, kept out of the application context's Spring Security beans: no client
	 * registration repository or authorized client manager is defined.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.security.oauth2.client.registration.ClientRegistration")
	@ConditionalOnProperty(name = "checkout.mtls.auth-mode", havingValue = "jwt")
	static class JwtConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TokenFetcher checkoutMtlsTokenFetcher(CheckoutMtlsProperties properties, CheckoutMtlsEndpoints endpoints,
				CheckoutMtlsConnector connector, ObjectProvider<HandshakeFailureListener> handshakeFailureListeners) {
			return new ClientCredentialsTokenFetcher(JwtSettings.from(properties, endpoints), connector,
					connector::identity, Clock.systemUTC(), handshakeFailures(handshakeFailureListeners));
		}

		@Bean
		@ConditionalOnMissingBean
		TokenCache checkoutMtlsTokenCache(TokenFetcher checkoutMtlsTokenFetcher,
				ObjectProvider<TokenFetchListener> tokenFetchListeners) {
			return new TokenCache(checkoutMtlsTokenFetcher, Clock.systemUTC(),
					tokenFetchListeners.orderedStream().toList());
		}

	}

	private static void logReady(CheckoutMtlsProperties properties, CheckoutMtlsEndpoints endpoints,
			ClientIdentity identity) {
		logger.info("Checkout mTLS client ready: environment=" + properties.getEnvironment() + ", auth-mode="
				+ properties.getAuthMode() + ", api-host=" + endpoints.apiBaseUrl().getHost() + ", leaf CN='"
				+ identity.commonName() + "', issuer='" + identity.issuer() + "', serial=" + identity.serialNumber()
				+ ", not-after=" + identity.notAfter() + " (" + identity.timeLeft(Clock.systemUTC().instant()).toDays()
				+ " days left), chain length=" + identity.chain().size());
	}

}
