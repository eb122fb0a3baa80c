package io.github.checkoutmtls.autoconfigure;

import java.time.Clock;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.connector.ConnectorSettings;
import io.github.checkoutmtls.diagnostics.HandshakeFailureListener;
import io.github.checkoutmtls.identity.CertificateChecks;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.identity.ClientIdentityLoader;
import io.github.checkoutmtls.identity.TrustMaterial;
import io.github.checkoutmtls.pipeline.CheckoutRequestPipeline;
import io.github.checkoutmtls.pipeline.CheckoutRequestPipeline.PipelineSettings;
import io.github.checkoutmtls.token.TokenCache;
import io.github.checkoutmtls.token.TokenFetchListener;
import io.github.checkoutmtls.token.TokenFetcher;
import io.github.checkoutmtls.token.TokenFetcher.TokenSettings;
import reactor.netty.http.client.HttpClient;

/**
 * Auto-configuration of {@code checkoutWebClient}: a {@link WebClient} that calls
 * Checkout's mTLS API host presenting the configured client certificate chain.
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
	CheckoutMtlsHosts checkoutMtlsHosts(CheckoutMtlsProperties properties) {
		return CheckoutMtlsHosts.from(properties);
	}

	@Bean
	@ConditionalOnMissingBean(ClientIdentityLoader.class)
	ClientIdentityLoader checkoutMtlsIdentityLoader(CheckoutMtlsProperties properties, ResourceLoader resourceLoader,
			ObjectProvider<SslBundles> sslBundles) {
		return KeyMaterialSources.loader(properties, resourceLoader, sslBundles.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	CertificateChecks checkoutMtlsCertificateChecks(CheckoutMtlsProperties properties, ResourceLoader resourceLoader) {
		CertificateChecks checks = new CertificateChecks(properties.getExpectedCommonName(),
				properties.getCertificate().getExpiryWarning(), Clock.systemUTC());
		String registeredRoots = properties.getRegisteredRoots();
		return StringUtils.hasText(registeredRoots) ? checks.withRegisteredRoots(resourceLoader, registeredRoots)
				: checks;
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean
	CheckoutMtlsConnector checkoutMtlsConnector(CheckoutMtlsProperties properties, CheckoutMtlsHosts endpoints,
			ClientIdentityLoader checkoutMtlsIdentityLoader, CertificateChecks checkoutMtlsCertificateChecks,
			ResourceLoader resourceLoader, ObjectProvider<SslBundles> sslBundles) {
		ClientIdentity identity = checkoutMtlsCertificateChecks.enforce(checkoutMtlsIdentityLoader.load());
		CheckoutMtlsProperties.Http http = properties.getHttp();
		ConnectorSettings settings = new ConnectorSettings(
				http.getConnectTimeout(), http.getResponseTimeout(), http.getMaxConnections(), http.getMaxIdleTime(),
				http.getMaxLifeTime(), TrustMaterial.load(resourceLoader, properties.getTrust().getCertificates(),
						sslBundles.getIfAvailable(), properties.getSsl().getBundle()),
				http.getTlsProvider(), EgressProxies.from(http.getProxy()));
		// The key material and its checks above fail the start; the pool's TLS context is
		// built off the start's path, once the application has started (below) or on the
		// first request.
		CheckoutMtlsConnector connector = CheckoutMtlsConnector.warmingUp(identity, settings);
		logReady(properties, endpoints, identity);
		return connector;
	}

	/**
	 * Starts building the connector's first pool once the application has started, so
	 * that the start does not share the CPU with it; a request sent earlier (from a
	 * runner, say) starts it itself.
	 * @param connector the connector
	 * @return the listener
	 */
	@Bean
	static ApplicationListener<ApplicationReadyEvent> checkoutMtlsWarmUp(
			@Qualifier("checkoutMtlsConnector") ObjectProvider<CheckoutMtlsConnector> connector) {
		return (event) -> connector.ifAvailable(CheckoutMtlsConnector::warmUp);
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean
	CheckoutRequestPipeline checkoutMtlsRequestPipeline(CheckoutMtlsProperties properties,
			@Qualifier("checkoutMtlsConnector") CheckoutMtlsConnector connector, CheckoutMtlsHosts endpoints,
			ObjectProvider<TokenCache> tokenCache, ObjectProvider<HandshakeFailureListener> handshakeFailureListeners) {
		TokenCache tokens = (properties.getAuthMode() == AuthMode.JWT) ? requireTokens(tokenCache) : null;
		return new CheckoutRequestPipeline(connector, pipelineSettings(properties, endpoints), tokens,
				handshakeFailures(handshakeFailureListeners));
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "checkoutWebClient")
	WebClient checkoutWebClient(ObjectProvider<WebClient.Builder> webClientBuilder,
			@Qualifier("checkoutMtlsRequestPipeline") CheckoutRequestPipeline checkoutMtlsRequestPipeline,
			CheckoutMtlsHosts endpoints, ObjectProvider<CheckoutWebClientCustomizer> customizers) {
		// Every step of a request (key, token, retries, diagnosis) is the pipeline's,
		// beneath any filter a
		// customizer adds: such filters see each logical request once.
		WebClient.Builder builder = webClientBuilder.getIfAvailable(WebClient::builder)
			.baseUrl(endpoints.apiBaseUrl().toString())
			.clientConnector(checkoutMtlsRequestPipeline);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.clientConnector(checkoutMtlsRequestPipeline).build();
	}

	private static PipelineSettings pipelineSettings(CheckoutMtlsProperties properties, CheckoutMtlsHosts endpoints) {
		CheckoutMtlsProperties.Retry retry = properties.getRetry();
		CheckoutMtlsProperties.Idempotency idempotency = properties.getIdempotency();
		return new PipelineSettings(endpoints.apiBaseUrl(), retry.isEnabled(), retry.getMaxAttempts(),
				retry.getInitialBackoff(), retry.getMaxBackoff(), retry.getDeadline(), retry.getInProgressBackoff(),
				retry.getMaxReplayBodySize().toBytes(), idempotency.isAutoGenerate(), idempotency.getEndpoints());
	}

	@Bean
	CheckoutWebClientCustomizer checkoutMtlsRequestDetailsLoggingOff() {
		return new RequestDetailsLoggingOff();
	}

	private static HandshakeFailureListener handshakeFailures(ObjectProvider<HandshakeFailureListener> listeners) {
		List<HandshakeFailureListener> all = listeners.orderedStream().toList();
		return (failure) -> all.forEach((listener) -> listener.handshakeFailed(failure));
	}

	private static TokenCache requireTokens(ObjectProvider<TokenCache> tokenCache) {
		TokenCache tokens = tokenCache.getIfAvailable();
		if (tokens == null) {
			throw new AuthModeUnavailableException("jwt mode needs spring-security-oauth2-client on the classpath",
					"checkout.mtls.auth-mode", "jwt",
					"Depend on checkout-mtls-starter, which brings it, or add"
							+ " org.springframework.security:spring-security-oauth2-client (not Boot's OAuth2 client"
							+ " starter, which would secure your application's endpoints).");
		}
		return tokens;
	}

	/**
	 * Token support for jwt mode, kept out of the application context's Spring Security
	 * beans: no client registration repository or authorized client manager is defined.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.security.oauth2.client.registration.ClientRegistration")
	@ConditionalOnProperty(name = "checkout.mtls.auth-mode", havingValue = "jwt")
	static class JwtConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TokenFetcher checkoutMtlsTokenFetcher(CheckoutMtlsProperties properties, CheckoutMtlsHosts endpoints,
				@Qualifier("checkoutMtlsConnector") CheckoutMtlsConnector connector,
				ObjectProvider<WebClient.Builder> webClientBuilder,
				ObjectProvider<HandshakeFailureListener> handshakeFailureListeners) {
			// The application's builder brings its observation registry: token calls are
			// observed like API calls.
			return TokenFetcher.clientCredentials(JwtSettings.from(properties, endpoints),
					webClientBuilder.getIfAvailable(WebClient::builder), connector, connector::identity,
					Clock.systemUTC(), handshakeFailures(handshakeFailureListeners));
		}

		@Bean
		@ConditionalOnMissingBean
		TokenCache checkoutMtlsTokenCache(CheckoutMtlsProperties properties, TokenFetcher checkoutMtlsTokenFetcher,
				ObjectProvider<TokenFetchListener> tokenFetchListeners) {
			return new TokenCache(checkoutMtlsTokenFetcher,
					TokenSettings.maxFetchTime(properties.getJwt().getTokenTimeout()),
					tokenFetchListeners.orderedStream().toList());
		}

	}

	private static void logReady(CheckoutMtlsProperties properties, CheckoutMtlsHosts endpoints,
			ClientIdentity identity) {
		logger.info("Checkout mTLS client ready: environment=" + properties.getEnvironment() + ", auth-mode="
				+ properties.getAuthMode() + ", api-host=" + endpoints.apiBaseUrl().getHost() + ", leaf CN='"
				+ identity.commonName() + "', issuer='" + identity.issuer() + "', serial=" + identity.serialNumber()
				+ ", not-after=" + identity.notAfter() + " (" + identity.timeLeft(Clock.systemUTC().instant()).toDays()
				+ " days left), chain length=" + identity.chain().size());
	}

}
