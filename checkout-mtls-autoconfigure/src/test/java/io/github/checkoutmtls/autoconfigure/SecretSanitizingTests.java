package io.github.checkoutmtls.autoconfigure;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesDescriptor;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.github.checkoutmtls.actuate.CheckoutMtlsActuatorAutoConfiguration;
import io.github.checkoutmtls.TestContexts;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.pki.TestPkiFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator's {@code configprops} and {@code env} endpoints mask the starter's passwords
 * and secrets, even when configured to show values.
 */
class SecretSanitizingTests {

	private static final String KEYSTORE_PASSWORD = "Keystore-Secret-1a";

	private static final String KEY_PASSWORD = "Key-Secret-2b";

	private static final String CLIENT_SECRET = "Client-Secret-3c";

	@TempDir
	Path directory;

	@Test
	void configpropsMasksPasswordsAndClientSecret() {
		contextRunner("configprops").run((context) -> {
			ConfigurationPropertiesDescriptor descriptor = context.getBean(ConfigurationPropertiesReportEndpoint.class)
				.configurationPropertiesWithPrefix("checkout.mtls");
			String report = descriptor.getContexts().toString() + beans(descriptor);
			assertThat(report).contains("certificate-test-marker")
				.doesNotContain(KEYSTORE_PASSWORD)
				.doesNotContain(KEY_PASSWORD)
				.doesNotContain(CLIENT_SECRET);
		});
	}

	@Test
	void envMasksPasswordsAndClientSecret() {
		contextRunner("env").run((context) -> {
			EnvironmentEndpoint env = context.getBean(EnvironmentEndpoint.class);
			assertThat(value(env, "checkout.mtls.keystore.password")).isEqualTo("******");
			assertThat(value(env, "checkout.mtls.pem.private-key-password")).isEqualTo("******");
			assertThat(value(env, "checkout.mtls.jwt.client-secret")).isEqualTo("******");
			assertThat(value(env, "CHECKOUT_MTLS_JWT_CLIENTSECRET")).isEqualTo("******");
			assertThat(value(env, "checkout.mtls.expected-common-name")).isEqualTo("certificate-test-marker");
		});
	}

	@Test
	void envMasksAnyEntryWhoseValueIsABoundSecretWhateverItsName() {
		contextRunner("env")
			.withPropertyValues("CHECKOUT_MTLS_CLIENT_SECRET=Env-Client-Secret-4d", "my.secret=Custom-Key-Secret-5e",
					"checkout.mtls.jwt.client-secret=${CHECKOUT_MTLS_CLIENT_SECRET}",
					"checkout.mtls.pem.private-key-password=${my.secret}", "unrelated=Env-Client-Secret-4d-not")
			.run((context) -> {
				EnvironmentEndpoint env = context.getBean(EnvironmentEndpoint.class);
				assertThat(value(env, "CHECKOUT_MTLS_CLIENT_SECRET")).isEqualTo("******");
				assertThat(value(env, "my.secret")).isEqualTo("******");
				assertThat(value(env, "unrelated")).as("only equal values").isEqualTo("Env-Client-Secret-4d-not");
				assertThat(env.environment(null).toString()).doesNotContain("Env-Client-Secret-4d,")
					.doesNotContain("Custom-Key-Secret-5e");
			});
	}

	private ApplicationContextRunner contextRunner(String endpoint) {
		TestPkiFiles files = TestPki.builder().build().writeTo(this.directory);
		return TestContexts.contextRunner()
			.withConfiguration(AutoConfigurations.of(CheckoutMtlsActuatorAutoConfiguration.class,
					ConfigurationPropertiesReportEndpointAutoConfiguration.class,
					EnvironmentEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoint." + endpoint + ".show-values=always",
					"checkout.mtls.enabled=false", "checkout.mtls.expected-common-name=certificate-test-marker",
					"checkout.mtls.pem.certificate=file:" + files.chain(),
					"checkout.mtls.pem.private-key=file:" + files.privateKey(),
					"checkout.mtls.keystore.password=" + KEYSTORE_PASSWORD,
					"checkout.mtls.pem.private-key-password=" + KEY_PASSWORD,
					"checkout.mtls.jwt.client-secret=" + CLIENT_SECRET,
					"CHECKOUT_MTLS_JWT_CLIENTSECRET=" + CLIENT_SECRET)
			.withPropertyValues("management.endpoints.access.default=UNRESTRICTED",
					"management.endpoints.web.exposure.include=configprops,env")
			.withUserConfiguration(PropertiesConfiguration.class);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(CheckoutMtlsProperties.class)
	static class PropertiesConfiguration {

	}

	private static String beans(ConfigurationPropertiesDescriptor descriptor) {
		StringBuilder beans = new StringBuilder();
		descriptor.getContexts()
			.values()
			.forEach((context) -> context.getBeans().values().forEach((bean) -> beans.append(bean.getProperties())));
		return beans.toString();
	}

	private static Object value(EnvironmentEndpoint env, String name) {
		return env.environmentEntry(name).getProperty().getValue();
	}

}
