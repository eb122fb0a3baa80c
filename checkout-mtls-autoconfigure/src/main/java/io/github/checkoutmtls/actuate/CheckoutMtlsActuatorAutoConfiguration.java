package io.github.checkoutmtls.actuate;

import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

import io.github.checkoutmtls.autoconfigure.CheckoutMtlsAutoConfiguration;
import io.github.checkoutmtls.autoconfigure.CheckoutMtlsProperties;
import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.doctor.Doctor;
import io.github.checkoutmtls.identity.CertificateChecks;

/**
 * Auto-configuration of the {@code checkoutmtls} actuator endpoint, which reports on the
 * client identity the way the {@code doctor} command does.
 */
@AutoConfiguration(after = CheckoutMtlsAutoConfiguration.class)
public final class CheckoutMtlsActuatorAutoConfiguration {

	/**
	 * The endpoint, when actuator is present and exposes it, and the client is
	 * configured.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Endpoint.class)
	@ConditionalOnBean(value = CertificateChecks.class, name = "checkoutMtlsConnector")
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "checkoutMtlsEndpoint")
		@ConditionalOnAvailableEndpoint
		CheckoutMtlsEndpoint checkoutMtlsEndpoint(@Qualifier("checkoutMtlsConnector") CheckoutMtlsConnector connector,
				CertificateChecks checks) {
			return new CheckoutMtlsEndpoint(connector, new Doctor(checks, Clock.systemUTC()));
		}

	}

	/**
	 * Masks the starter's passwords and client secret in {@code configprops} and
	 * {@code env}, whatever their {@code show-values}, under their own keys and wherever
	 * else their values appear.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class SanitizingConfiguration {

		@Bean
		CheckoutMtlsSanitizingFunction checkoutMtlsSanitizingFunction(
				ObjectProvider<CheckoutMtlsProperties> properties) {
			return new CheckoutMtlsSanitizingFunction(() -> boundSecrets(properties.getIfAvailable()));
		}

		private static List<String> boundSecrets(CheckoutMtlsProperties properties) {
			if (properties == null) {
				return List.of();
			}
			return Stream
				.of(properties.getJwt().getClientSecret(), properties.getKeystore().getPassword(),
						properties.getPem().getPrivateKeyPassword(), properties.getHttp().getProxy().getPassword())
				.filter(StringUtils::hasLength)
				.toList();
		}

	}

}
