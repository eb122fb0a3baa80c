package io.github.checkoutmtls.observability;

import java.time.Clock;
import java.util.Locale;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.checkoutmtls.autoconfigure.CheckoutMtlsAutoConfiguration;
import io.github.checkoutmtls.autoconfigure.CheckoutMtlsHosts;
import io.github.checkoutmtls.autoconfigure.CheckoutMtlsProperties;
import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.reload.CheckoutMtlsReloadAutoConfiguration;
import io.github.checkoutmtls.reload.IdentityReloader;
import io.github.checkoutmtls.reload.IdentityReloader.ReloadStatus;
import io.github.checkoutmtls.token.TokenCache;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Auto-configuration of the Checkout mTLS client's health indicator
 * ({@code checkoutMtls}), info contributor and Micrometer meters, each only when the
 * application has the library it needs.
 */
@AutoConfiguration(after = { CheckoutMtlsAutoConfiguration.class, CheckoutMtlsReloadAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnBean(name = "checkoutMtlsConnector")
public final class CheckoutMtlsObservabilityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClientSummary checkoutMtlsClientSummary(CheckoutMtlsProperties properties, CheckoutMtlsHosts endpoints) {
		return new ClientSummary(lowerCase(properties.getEnvironment()), lowerCase(properties.getAuthMode()),
				endpoints.apiBaseUrl().getHost());
	}

	private static String lowerCase(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The {@code checkoutMtls} health indicator, unless
	 * {@code management.health.checkoutmtls.enabled=false}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "checkoutMtlsHealthIndicator")
		@ConditionalOnEnabledHealthIndicator("checkoutmtls")
		CheckoutMtlsHealthIndicator checkoutMtlsHealthIndicator(ClientSummary summary,
				@Qualifier("checkoutMtlsConnector") CheckoutMtlsConnector connector, CheckoutMtlsProperties properties,
				ObjectProvider<IdentityReloader> reloader, ObjectProvider<TokenCache> tokenCache) {
			TokenCache tokens = tokenCache.getIfAvailable();
			return new CheckoutMtlsHealthIndicator(summary, connector::identity,
					() -> reloadStatus(reloader.getIfAvailable()), (tokens != null) ? tokens::lastFetch : null,
					connector::poolFailure, properties.getCertificate().getExpiryWarning(), Clock.systemUTC());
		}

		private static ReloadStatus reloadStatus(IdentityReloader reloader) {
			return (reloader != null) ? reloader.status() : ReloadStatus.none();
		}

	}

	/**
	 * The {@code checkoutMtls} info contribution, unless
	 * {@code management.info.checkoutmtls.enabled=false}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ InfoContributor.class, ConditionalOnEnabledInfoContributor.class })
	static class InfoConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "checkoutMtlsInfoContributor")
		@ConditionalOnEnabledInfoContributor("checkoutmtls")
		CheckoutMtlsInfoContributor checkoutMtlsInfoContributor(ClientSummary summary,
				@Qualifier("checkoutMtlsConnector") CheckoutMtlsConnector connector) {
			return new CheckoutMtlsInfoContributor(summary, connector::identity, Clock.systemUTC());
		}

	}

	/**
	 * The {@code checkout.mtls.*} meters.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "checkoutMtlsMetrics")
		CheckoutMtlsMetrics checkoutMtlsMetrics(MeterRegistry meterRegistry,
				@Qualifier("checkoutMtlsConnector") CheckoutMtlsConnector connector) {
			return new CheckoutMtlsMetrics(meterRegistry, connector.identity(), Clock.systemUTC());
		}

	}

}
