package io.github.checkoutmtls.connector;

import java.time.Clock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

import io.github.checkoutmtls.autoconfigure.CheckoutMtlsAutoConfiguration;
import io.github.checkoutmtls.autoconfigure.CheckoutMtlsHosts;
import io.github.checkoutmtls.autoconfigure.CheckoutMtlsProperties;
import io.github.checkoutmtls.identity.CertificateChecks;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.identity.ClientIdentityLoader;

/**
 * The {@code checkoutMtlsConnector} bean, imported by
 * {@link CheckoutMtlsAutoConfiguration} and subject to its conditions.
 */
@Configuration(proxyBeanMethods = false)
class CheckoutMtlsConnectorConfiguration {

	// The category the ready line has always been logged under.
	private static final Log logger = LogFactory.getLog(CheckoutMtlsAutoConfiguration.class);

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean
	CheckoutMtlsConnector checkoutMtlsConnector(CheckoutMtlsProperties properties, CheckoutMtlsHosts endpoints,
			ClientIdentityLoader checkoutMtlsIdentityLoader, CertificateChecks checkoutMtlsCertificateChecks,
			ResourceLoader resourceLoader, ObjectProvider<SslBundles> sslBundles) {
		ClientIdentity identity = checkoutMtlsCertificateChecks.enforce(checkoutMtlsIdentityLoader.load());
		CheckoutMtlsProperties.Http http = properties.getHttp();
		ConnectorSettings settings = new ConnectorSettings(http.getConnectTimeout(), http.getResponseTimeout(),
				http.getMaxConnections(), http.getMaxIdleTime(), http.getMaxLifeTime(),
				ClientIdentityLoader.trustCertificates(resourceLoader, properties.getTrust().getCertificates(),
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

	private static void logReady(CheckoutMtlsProperties properties, CheckoutMtlsHosts endpoints,
			ClientIdentity identity) {
		logger.info("Checkout mTLS client ready: environment=" + properties.getEnvironment() + ", auth-mode="
				+ properties.getAuthMode() + ", api-host=" + endpoints.apiBaseUrl().getHost() + ", leaf CN='"
				+ identity.commonName() + "', issuer='" + identity.issuer() + "', serial=" + identity.serialNumber()
				+ ", not-after=" + identity.notAfter() + " (" + identity.timeLeft(Clock.systemUTC().instant()).toDays()
				+ " days left), chain length=" + identity.chain().size());
	}

}
