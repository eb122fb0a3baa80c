package io.github.checkoutmtls.test.junit;

import java.util.Map;

import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest.AuthMode;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CheckoutMtlsSimulatorTest} on a {@code @SpringBootTest} in jwt mode.
 */
@CheckoutMtlsSimulatorTest(authMode = AuthMode.JWT, clientId = "jwt-client")
@SpringBootTest(classes = CheckoutMtlsSimulatorSpringJwtTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "spring.main.banner-mode=off")
class CheckoutMtlsSimulatorSpringJwtTests {

	@Autowired
	private Environment environment;

	@Autowired
	private CheckoutMtlsClient client;

	@Test
	void jwtModePropertiesAreSetAndTheApiHostRequiresABoundToken(CheckoutMtlsSimulator simulator) {
		assertThat(this.environment.getProperty("checkout.mtls.auth-mode")).isEqualTo("jwt");
		assertThat(this.environment.getProperty("checkout.mtls.jwt.client-id")).isEqualTo("jwt-client");
		String workflows = this.environment.getProperty("checkout.mtls.api-base-url") + "/workflows";
		assertThat(this.client.get(workflows, Map.of()).status()).isEqualTo(401);
		CheckoutMtlsClient.Response token = this.client.postForm(
				this.environment.getProperty("checkout.mtls.access-base-url") + "/connect/token",
				"grant_type=client_credentials&client_id=jwt-client");
		assertThat(token.status()).isEqualTo(200);
		String accessToken = JsonMapper.builder().build().readTree(token.body()).get("access_token").stringValue();
		assertThat(this.client.get(workflows, Map.of("Authorization", "Bearer " + accessToken)).status())
			.isEqualTo(200);
		assertThat(simulator.tokenRequests()).isEqualTo(1);
	}

	@SpringBootConfiguration
	static class Application {

		@Bean
		CheckoutMtlsClient checkoutMtlsClient(Environment environment) {
			return CheckoutMtlsClient.of(environment);
		}

	}

}
