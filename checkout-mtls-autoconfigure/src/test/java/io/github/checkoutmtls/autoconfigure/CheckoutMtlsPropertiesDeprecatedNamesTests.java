package io.github.checkoutmtls.autoconfigure;

import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.github.checkoutmtls.connector.TlsProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every property renamed in 0.2.0 still binds under its old name for one release, with
 * metadata naming its replacement; setting an old name and its replacement together fails
 * naming both.
 */
class CheckoutMtlsPropertiesDeprecatedNamesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	static Stream<Arguments> renamed() {
		return Stream.of(
				renamed("checkout.mtls.ssl-bundle", "checkout.mtls.ssl.bundle", "checkout", "other",
						(p) -> p.getSsl().getBundle()),
				renamed("checkout.mtls.keystore.certificate", "checkout.mtls.pem.certificate", "file:chain.pem",
						"file:other.pem", (p) -> p.getPem().getCertificate()),
				renamed("checkout.mtls.keystore.private-key", "checkout.mtls.pem.private-key", "file:key.pem",
						"file:other.key", (p) -> p.getPem().getPrivateKey()),
				renamed("checkout.mtls.keystore.private-key-password", "checkout.mtls.pem.private-key-password",
						"Old-Name-Password-1", "New-Name-Password-2", (p) -> p.getPem().getPrivateKeyPassword()),
				renamed("checkout.mtls.keystore.reload-on-update", "checkout.mtls.reload.enabled", "true", "true",
						(p) -> p.getReload().isEnabled()),
				renamed("checkout.mtls.keystore.reload-check-interval", "checkout.mtls.reload.check-interval", "3s",
						"4s", (p) -> p.getReload().getCheckInterval()),
				renamed("checkout.mtls.http.ssl-provider", "checkout.mtls.http.tls-provider", "jdk", "openssl",
						(p) -> p.getHttp().getTlsProvider()));
	}

	private static Arguments renamed(String oldName, String newName, String value, String otherValue,
			Function<CheckoutMtlsProperties, Object> newGetter) {
		return Arguments.of(oldName, newName, value, otherValue, newGetter);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("renamed")
	void oldNameStillBindsToTheNewProperty(String oldName, String newName, String value, String otherValue,
			Function<CheckoutMtlsProperties, Object> newGetter) {
		this.contextRunner.withPropertyValues(pemIfReloading(oldName))
			.withPropertyValues(oldName + "=" + value)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(newGetter.apply(context.getBean(CheckoutMtlsProperties.class))).isEqualTo(expected(value));
			});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("renamed")
	void oldAndNewNameTogetherFailNamingBoth(String oldName, String newName, String value, String otherValue,
			Function<CheckoutMtlsProperties, Object> newGetter) {
		this.contextRunner.withPropertyValues(pemIfReloading(oldName))
			.withPropertyValues(oldName + "=" + value, newName + "=" + otherValue)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(MutuallyExclusiveConfigurationPropertiesException.class)
				.satisfies((
						ex) -> assertThat(((MutuallyExclusiveConfigurationPropertiesException) ex).getConfiguredNames())
							.containsExactlyInAnyOrder(oldName, newName)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("renamed")
	void metadataDeprecatesTheOldNameInFavourOfTheNewOne(String oldName, String newName) throws Exception {
		JsonNode property = metadata().get(oldName);
		assertThat(property).as(oldName).isNotNull();
		assertThat(property.path("deprecation").path("replacement").asText()).isEqualTo(newName);
		assertThat(metadata()).containsKey(newName);
	}

	@Test
	void oldSslBundleNameStillSelectsTheBundleAsKeyMaterial() {
		this.contextRunner.withPropertyValues("checkout.mtls.ssl-bundle=checkout", "checkout.mtls.pem.certificate=x")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(MutuallyExclusiveConfigurationPropertiesException.class)
				.hasMessageContaining("checkout.mtls.pem.certificate")
				.hasMessageContaining("checkout.mtls.ssl.bundle"));
	}

	// Reloading needs files to watch.
	private static String[] pemIfReloading(String name) {
		return name.contains("reload-on-update") ? new String[] { "checkout.mtls.pem.certificate=file:chain.pem" }
				: new String[0];
	}

	private static Object expected(String value) {
		return switch (value) {
			case "true" -> true;
			case "3s" -> Duration.ofSeconds(3);
			case "jdk" -> TlsProvider.JDK;
			default -> value;
		};
	}

	private static Map<String, JsonNode> metadata() throws Exception {
		try (InputStream in = CheckoutMtlsProperties.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated configuration metadata").isNotNull();
			JsonNode root = JsonMapper.builder().build().readTree(in);
			Map<String, JsonNode> byName = new java.util.HashMap<>();
			root.path("properties").forEach((property) -> byName.put(property.path("name").asText(), property));
			return byName;
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(CheckoutMtlsProperties.class)
	static class PropertiesConfiguration {

	}

}
