package io.github.checkoutmtls.test.junit;

import java.time.Duration;
import java.util.Map;

import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest.AuthMode;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CheckoutMtlsSimulatorExtension} registered from
 * {@link SimulatorFixture.Builder#perClass()}: one fixture for the class, reset before
 * each test. Two tests leave records, faults and token records behind, so whichever runs
 * second checks they were forgotten.
 */
class RegisteredSimulatorExtensionTests {

	@RegisterExtension
	static final CheckoutMtlsSimulatorExtension checkout = SimulatorFixture.builder()
		.commonName("registered.junit.internal")
		.authMode(AuthMode.JWT, "client-1")
		.simulator((simulator) -> simulator.tokenLifetime(Duration.ofMinutes(7)))
		.perClass();

	private static SimulatorFixture seen;

	@Test
	void parametersAreTheRegisteredFixtureAndItsParts(SimulatorFixture fixture, CheckoutMtlsSimulator simulator,
			TestPki pki) {
		assertSameFixtureForTheClass(fixture);
		assertThat(simulator).isSameAs(checkout.simulator()).isSameAs(fixture.simulator());
		assertThat(pki).isSameAs(checkout.pki()).isSameAs(fixture.pki());
		assertNothingLeftAndLeaveSomething(fixture);
	}

	@Test
	void fixtureHasTheBuilderSettingsAndIsResetBeforeEachTest() {
		SimulatorFixture fixture = checkout.fixture();
		assertSameFixtureForTheClass(fixture);
		assertThat(fixture.properties())
			.containsEntry("checkout.mtls.expected-common-name", "registered.junit.internal")
			.containsEntry("checkout.mtls.jwt.client-id", "client-1");
		assertNothingLeftAndLeaveSomething(fixture);
		assertThat(fixture.simulator().issuedTokens()).singleElement()
			.satisfies((token) -> assertThat(Duration.between(token.issuedAt(), token.expiresAt()))
				.isEqualTo(Duration.ofMinutes(7)));
	}

	@Nested
	class NestedTests {

		@Test
		void nestedClassSharesTheFixture(SimulatorFixture fixture) {
			assertSameFixtureForTheClass(fixture);
			assertNothingLeftAndLeaveSomething(fixture);
		}

	}

	private static void assertNothingLeftAndLeaveSomething(SimulatorFixture fixture) {
		CheckoutMtlsSimulator simulator = fixture.simulator();
		assertThat(simulator.exchanges()).isEmpty();
		assertThat(simulator.tokenRequests()).isZero();
		assertThat(simulator.issuedTokens()).isEmpty();
		CheckoutMtlsClient client = client(fixture);
		assertThat(client.get(simulator.apiBaseUrl() + "/workflows", Map.of()).status()).isEqualTo(401);
		assertThat(client.postForm(simulator.tokenUrl(), "grant_type=client_credentials&client_id=client-1").status())
			.isEqualTo(200);
		simulator.faults().on("GET", "/workflows").status(503);
		simulator.tokenFaults().failNext(1, 503);
	}

	private static synchronized void assertSameFixtureForTheClass(SimulatorFixture fixture) {
		if (seen == null) {
			seen = fixture;
		}
		assertThat(fixture).isSameAs(seen);
	}

	private static CheckoutMtlsClient client(SimulatorFixture fixture) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("fixture", fixture.properties()));
		return CheckoutMtlsClient.of(environment);
	}

}
