package io.github.checkoutmtls.test.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.SimulatorHost;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CheckoutMtlsSimulatorTest} on a {@code @SpringBootTest} in certificate
 * mode.
 */
@CheckoutMtlsSimulatorTest(commonName = "shop.spring.internal")
@SpringBootTest(classes = CheckoutMtlsSimulatorSpringTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.main.banner-mode=off", "checkout.mtls.expected-common-name=overridden.by.test" })
class CheckoutMtlsSimulatorSpringTests {

	@Autowired
	private Environment environment;

	@Autowired
	private CheckoutMtlsSimulator simulator;

	@Autowired
	private CheckoutMtlsClient client;

	@Test
	void propertiesPointAtTheSimulatorAndTheWrittenKeyMaterial() {
		assertThat(this.environment.getProperty("checkout.mtls.api-base-url")).isEqualTo(this.simulator.apiBaseUrl());
		assertThat(this.environment.getProperty("checkout.mtls.access-base-url"))
			.isEqualTo(this.simulator.accessBaseUrl());
		assertThat(this.environment.getProperty("checkout.mtls.auth-mode")).isNull();
		for (String name : new String[] { "checkout.mtls.pem.certificate", "checkout.mtls.pem.private-key",
				"checkout.mtls.trust.certificates" }) {
			String location = this.environment.getProperty(name);
			assertThat(location).startsWith("file:");
			assertThat(Files.isReadable(Path.of(location.substring("file:".length())))).as(name).isTrue();
		}
	}

	@Test
	void inlinedTestPropertiesOverrideTheSimulatorsProperties() {
		assertThat(this.environment.getProperty("checkout.mtls.expected-common-name")).isEqualTo("overridden.by.test");
	}

	@Test
	void clientBuiltFromThePropertiesIsAnsweredAndRecorded(CheckoutMtlsSimulator parameter, TestPki pki) {
		assertThat(parameter).isSameAs(this.simulator);
		assertThat(this.simulator.exchanges()).isEmpty();
		CheckoutMtlsClient.Response response = this.client
			.get(this.environment.getProperty("checkout.mtls.api-base-url") + "/workflows", Map.of());
		assertThat(response.status()).isEqualTo(200);
		assertThat(this.simulator.exchanges()).singleElement().satisfies((exchange) -> {
			assertThat(exchange.host()).isEqualTo(SimulatorHost.API);
			assertThat(exchange.leafCommonName()).isEqualTo("shop.spring.internal");
			assertThat(exchange.leafThumbprint()).isEqualTo(pki.leaf().thumbprint());
		});
	}

	@Test
	void recordsAndFaultsAreClearedBeforeEachTest() {
		assertThat(this.simulator.exchanges()).isEmpty();
		this.simulator.faults().on("GET", "/workflows").status(503);
		assertThat(this.client.get(this.simulator.apiBaseUrl() + "/workflows", Map.of()).status()).isEqualTo(503);
	}

	@Test
	void anotherTestSeesNoFaultFromTheOthers() {
		assertThat(this.client.get(this.simulator.apiBaseUrl() + "/workflows", Map.of()).status()).isEqualTo(200);
	}

	@SpringBootConfiguration
	static class Application {

		@Bean
		CheckoutMtlsClient checkoutMtlsClient(Environment environment) {
			return CheckoutMtlsClient.of(environment);
		}

	}

}
