package io.github.checkoutmtls.test.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.checkoutmtls.test.junit.CheckoutMtlsClient.Response;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest.AuthMode;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.HandshakeRejection;
import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SimulatorFixture} and its builder.
 */
class SimulatorFixtureTests {

	private static final String TOKEN_FORM = "grant_type=client_credentials&client_id=client-1";

	@Test
	void givenPkiIsTrustedServesItsServerCertificateAndRegistersItsLeafCn() {
		TestPki pki = TestPki.builder().commonName("given.internal").keyType(KeyType.RSA_2048).build();
		try (SimulatorFixture fixture = SimulatorFixture.builder().pki(pki).start()) {
			assertThat(fixture.pki()).isSameAs(pki);
			assertThat(fixture.simulator().serverCa()).isEqualTo(pki.serverCa());
			assertThat(fixture.properties()).containsEntry("checkout.mtls.expected-common-name", "given.internal");
			assertThat(client(fixture).get(fixture.simulator().apiBaseUrl() + "/workflows", Map.of()).status())
				.isEqualTo(200);
			assertThat(fixture.simulator().exchanges()).singleElement()
				.satisfies((exchange) -> assertThat(exchange.leafCommonName()).isEqualTo("given.internal"));
		}
	}

	@Test
	void commonNameOverridesTheGivenPkiLeafCn() {
		TestPki pki = TestPki.builder().commonName("leaf.internal").build();
		try (SimulatorFixture fixture = SimulatorFixture.builder().pki(pki).commonName("registered.internal").start()) {
			assertThat(fixture.properties()).containsEntry("checkout.mtls.expected-common-name", "registered.internal");
			assertThat(client(fixture).get(fixture.simulator().apiBaseUrl() + "/workflows", Map.of()).status())
				.isEqualTo(401);
		}
	}

	@Test
	void simulatorCustomizerRunsAfterTheFixtureSettings() {
		try (SimulatorFixture fixture = SimulatorFixture.builder()
			.simulator((simulator) -> simulator.registeredCommonName("elsewhere.internal"))
			.start()) {
			assertThat(client(fixture).get(fixture.simulator().apiBaseUrl() + "/workflows", Map.of()).status())
				.isEqualTo(401);
		}
	}

	@Test
	void jwtClientWithASecretNeedsItAndTheSecretIsNotAProperty() {
		try (SimulatorFixture fixture = SimulatorFixture.builder()
			.authMode(AuthMode.JWT, "client-1")
			.clientSecret("s3cret-value")
			.handshakeRejection(HandshakeRejection.ALERT)
			.start()) {
			CheckoutMtlsClient client = client(fixture);
			String tokenUrl = fixture.simulator().tokenUrl();
			assertThat(client.postForm(tokenUrl, TOKEN_FORM).status()).isEqualTo(400);
			assertThat(client.postForm(tokenUrl, TOKEN_FORM + "&client_secret=s3cret-value").status()).isEqualTo(200);
			assertThat(fixture.properties()).containsEntry("checkout.mtls.auth-mode", "jwt")
				.containsEntry("checkout.mtls.jwt.client-id", "client-1");
			assertThat(fixture.properties().values()).noneMatch((value) -> value.toString().contains("s3cret"));
			assertThat(client.get(fixture.simulator().apiBaseUrl() + "/workflows", Map.of()).status()).isEqualTo(401);
		}
	}

	@Test
	void resetForgetsRecordsTokensAndFaultsButEarlierTokensStayRevocable() {
		try (SimulatorFixture fixture = SimulatorFixture.builder().authMode(AuthMode.JWT, "client-1").start()) {
			CheckoutMtlsSimulator simulator = fixture.simulator();
			CheckoutMtlsClient client = client(fixture);
			Response token = client.postForm(simulator.tokenUrl(), TOKEN_FORM);
			assertThat(token.status()).isEqualTo(200);
			String bearer = "Bearer " + simulator.issuedTokens().get(0).token();
			simulator.faults().on("GET", "/workflows").status(503);
			simulator.stubs().on("GET", "/customers").respond(200, "{}");
			simulator.tokenFaults().failNext(1, 503);
			fixture.reset();
			assertThat(simulator.exchanges()).isEmpty();
			assertThat(simulator.tokenRequests()).isZero();
			assertThat(simulator.issuedTokens()).isEmpty();
			Map<String, String> authorization = Map.of("Authorization", bearer);
			assertThat(client.get(simulator.apiBaseUrl() + "/workflows", authorization).status()).isEqualTo(200);
			assertThat(client.get(simulator.apiBaseUrl() + "/customers", authorization).status()).isEqualTo(404);
			assertThat(client.postForm(simulator.tokenUrl(), TOKEN_FORM).status()).isEqualTo(200);
			simulator.revokeAllTokens();
			assertThat(client.get(simulator.apiBaseUrl() + "/workflows", authorization).status()).isEqualTo(401);
		}
	}

	@Test
	void propertyValuesAreThePropertiesAsPairs() {
		try (SimulatorFixture fixture = SimulatorFixture.builder().start()) {
			assertThat(fixture.propertyValues()).hasSize(fixture.properties().size())
				.contains("checkout.mtls.api-base-url=" + fixture.simulator().apiBaseUrl())
				.contains("checkout.mtls.expected-common-name=" + TestPki.DEFAULT_COMMON_NAME);
		}
	}

	@Test
	void closeStopsTheSimulatorAndDeletesTheFolder() throws Exception {
		SimulatorFixture fixture = SimulatorFixture.builder().start();
		Path directory = fixture.directory();
		Files.writeString(directory.resolve("extra.pem"), "left by a test");
		assertThat(fixture.files().chain()).startsWith(directory).exists();
		String url = fixture.simulator().apiBaseUrl() + "/workflows";
		CheckoutMtlsClient client = client(fixture);
		fixture.close();
		assertThat(directory).doesNotExist();
		assertThatException().isThrownBy(() -> client.get(url, Map.of()));
	}

	@Test
	void unregisteredExtensionHasNoFixture() {
		assertThatIllegalStateException().isThrownBy(() -> new CheckoutMtlsSimulatorExtension().fixture())
			.withMessageContaining("@RegisterExtension");
	}

	private static CheckoutMtlsClient client(SimulatorFixture fixture) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("fixture", fixture.properties()));
		return CheckoutMtlsClient.of(environment);
	}

}
