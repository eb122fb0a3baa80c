package io.github.checkoutmtls.autoconfigure;

import java.time.Clock;
import java.util.List;

import org.apache.commons.logging.LogFactory;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
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
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.diagnostics.HandshakeFailureListener;
import io.github.checkoutmtls.identity.CertificateChecks;
import io.github.checkoutmtls.identity.ClientIdentityLoader;
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
@Import(CheckoutMtlsAutoConfiguration.RoleConfigurations.class)
public final class CheckoutMtlsAutoConfiguration {

	// A class of spring-security-oauth2-client, which jwt mode needs.
	static final String OAUTH2_CLIENT = "org.springframework.security.oauth2.client.registration.ClientRegistration";

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
		// beneath any filter a customizer adds: such filters see each logical request
		// once.
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

	// Every listener hears of every refused handshake, whatever an earlier one throws;
	// none of it becomes the request's failure.
	private static HandshakeFailureListener handshakeFailures(ObjectProvider<HandshakeFailureListener> listeners) {
		List<HandshakeFailureListener> all = listeners.orderedStream().toList();
		return (failure) -> {
			for (HandshakeFailureListener listener : all) {
				try {
					listener.handshakeFailed(failure);
				}
				catch (RuntimeException | Error ex) {
					// All but the JVM's own failures, as for every listener
					if (ex instanceof VirtualMachineError fatal) {
						throw fatal;
					}
					LogFactory.getLog(HandshakeFailureListener.class)
						.warn("HandshakeFailureListener " + listener
								+ " failed; the request's own failure is unchanged", ex);
				}
			}
		};
	}

	private static TokenCache requireTokens(ObjectProvider<TokenCache> tokenCache) {
		TokenCache tokens = tokenCache.getIfAvailable();
		if (tokens == null && AotDetector.useGeneratedArtifacts()
				&& ClassUtils.isPresent(OAUTH2_CLIENT, CheckoutMtlsAutoConfiguration.class.getClassLoader())) {
			// The conditions were evaluated when the application was built.
			throw new AuthModeUnavailableException(
					"jwt mode is not in this AOT-processed application: its auth mode was fixed when process-aot ran",
					"checkout.mtls.auth-mode", "jwt",
					"Set checkout.mtls.auth-mode=jwt when process-aot runs (in its arguments or profiles) and build"
							+ " the application again, or start it in the auth mode it was processed for.");
		}
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
	@ConditionalOnClass(name = OAUTH2_CLIENT)
	@ConditionalOnProperty(name = "checkout.mtls.auth-mode", havingValue = "jwt")
	static class JwtConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TokenFetcher checkoutMtlsTokenFetcher(CheckoutMtlsProperties properties, CheckoutMtlsHosts endpoints,
				@Qualifier("checkoutMtlsConnector") CheckoutMtlsConnector connector,
				ObjectProvider<WebClient.Builder> webClientBuilder,
				ObjectProvider<HandshakeFailureListener> handshakeFailureListeners) {
			requireJwtMode(properties);
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
			requireJwtMode(properties);
			return new TokenCache(checkoutMtlsTokenFetcher,
					TokenSettings.maxFetchTime(properties.getJwt().getTokenTimeout()),
					tokenFetchListeners.orderedStream().toList());
		}

		// Only an AOT-processed application gets here in another mode: its conditions
		// were evaluated when it was built, in jwt mode.
		private static void requireJwtMode(CheckoutMtlsProperties properties) {
			if (properties.getAuthMode() != AuthMode.JWT) {
				throw new AuthModeUnavailableException(
						"certificate mode is not in this AOT-processed application: its auth mode (jwt) was fixed"
								+ " when process-aot ran",
						"checkout.mtls.auth-mode", "certificate",
						"Set checkout.mtls.auth-mode=certificate when process-aot runs and build the application"
								+ " again, or start it in the auth mode it was processed for.");
			}
		}

	}

	/**
	 * Imports each role's bean wiring from the package that owns its types.
	 */
	static final class RoleConfigurations implements ImportSelector {

		@Override
		public String[] selectImports(AnnotationMetadata importingClassMetadata) {
			return new String[] { "io.github.checkoutmtls.connector.CheckoutMtlsConnectorConfiguration" };
		}

	}

}
