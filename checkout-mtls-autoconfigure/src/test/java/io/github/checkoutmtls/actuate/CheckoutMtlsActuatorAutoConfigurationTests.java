package io.github.checkoutmtls.actuate;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

import io.github.checkoutmtls.autoconfigure.CheckoutMtlsAutoConfiguration;
import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.doctor.Doctor;
import io.github.checkoutmtls.identity.CertificateChecks;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.pki.TestPkiFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CheckoutMtlsActuatorAutoConfiguration}.
 */
class CheckoutMtlsActuatorAutoConfigurationTests {

	@TempDir
	static Path directory;

	static TestPkiFiles files;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CheckoutMtlsAutoConfiguration.class, CheckoutMtlsActuatorAutoConfiguration.class,
						SslAutoConfiguration.class, WebClientAutoConfiguration.class))
		.withPropertyValues("checkout.mtls.pem.certificate=file:" + files.chain(),
				"checkout.mtls.pem.private-key=file:" + files.privateKey());

	@BeforeAll
	static void writePki() {
		files = TestPki.builder().commonName("merchant.internal").build().writeTo(directory);
	}

	@Test
	void endpointWhenExposedIsDefined() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=checkoutmtls")
			.run((context) -> assertThat(context).hasSingleBean(CheckoutMtlsEndpoint.class));
	}

	@Test
	void endpointWhenNotExposedIsNotDefined() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(CheckoutMtlsEndpoint.class));
	}

	@Test
	void endpointWhenAccessIsNoneIsNotDefined() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=checkoutmtls",
					"management.endpoint.checkoutmtls.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(CheckoutMtlsEndpoint.class));
	}

	@Test
	void endpointWhenActuatorIsMissingIsNotDefined() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=checkoutmtls")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(CheckoutMtlsConnector.class);
				assertThat(context).doesNotHaveBean(CheckoutMtlsEndpoint.class);
			});
	}

	@Test
	void endpointWhenClientIsDisabledIsNotDefined() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=checkoutmtls", "checkout.mtls.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CheckoutMtlsEndpoint.class));
	}

	@Test
	void endpointBacksOffToUserBeanOfTheSameName() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=checkoutmtls")
			.withUserConfiguration(UserEndpointConfiguration.class)
			.run((context) -> assertThat(context).getBean(CheckoutMtlsEndpoint.class)
				.isSameAs(context.getBean(UserEndpointConfiguration.class).endpoint));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointConfiguration {

		private CheckoutMtlsEndpoint endpoint;

		@Bean
		CheckoutMtlsEndpoint checkoutMtlsEndpoint(@Qualifier("checkoutMtlsConnector") CheckoutMtlsConnector connector,
				CertificateChecks checks) {
			this.endpoint = new CheckoutMtlsEndpoint(connector, new Doctor(checks, java.time.Clock.systemUTC()));
			return this.endpoint;
		}

	}

	@Test
	void sanitizingFunctionMasksEveryBoundSecretWhereverItsValueAppears() {
		this.contextRunner
			.withPropertyValues("checkout.mtls.http.proxy.host=proxy.internal", "checkout.mtls.http.proxy.port=3128",
					"checkout.mtls.http.proxy.username=user", "checkout.mtls.http.proxy.password=${PROXY_PASSWORD}",
					"PROXY_PASSWORD=pr0xy-s3cret", "CLIENT_SECRET=cl1ent-s3cret",
					"checkout.mtls.jwt.client-secret=${CLIENT_SECRET}")
			.run((context) -> {
				CheckoutMtlsSanitizingFunction function = context.getBean(CheckoutMtlsSanitizingFunction.class);
				MapPropertySource environment = new MapPropertySource("systemEnvironment", Map.of());
				assertThat(
						function.apply(new SanitizableData(environment, "CLIENT_SECRET", "cl1ent-s3cret")).getValue())
					.isEqualTo(SanitizableData.SANITIZED_VALUE);
				assertThat(
						function.apply(new SanitizableData(environment, "PROXY_PASSWORD", "pr0xy-s3cret")).getValue())
					.isEqualTo(SanitizableData.SANITIZED_VALUE);
				assertThat(function.apply(new SanitizableData(environment, "PROXY_HOST", "proxy.internal")).getValue())
					.isEqualTo("proxy.internal");
			});
	}

}
