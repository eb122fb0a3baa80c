package io.github.checkoutmtls.autoconfigure;

import java.net.UnknownHostException;
import java.time.Duration;

import io.netty.handler.timeout.ReadTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import io.github.checkoutmtls.TestContexts;
import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorExtension;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest.AuthMode;
import io.github.checkoutmtls.test.junit.SimulatorFixture;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.token.TokenEndpointUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * {@code checkoutWebClient} under faults injected by the simulator: each fails with a
 * clear exception type, and leaves the connection pool with no connection in use.
 */
class CheckoutWebClientFaultsTests {

	@RegisterExtension
	static final CheckoutMtlsSimulatorExtension checkout = SimulatorFixture.builder().perClass();

	private SimulatorFixture fixture;

	private CheckoutMtlsSimulator simulator;

	@BeforeEach
	void useTheClassFixture() {
		this.fixture = checkout.fixture();
		this.simulator = this.fixture.simulator();
	}

	@Test
	void tokenEndpointDownForLongerThanATokenLifetimeFailsWithTokenEndpointUnavailable() {
		try (SimulatorFixture jwt = SimulatorFixture.builder()
			.pki(checkout.pki())
			.authMode(AuthMode.JWT, "client-1")
			.simulator((simulator) -> simulator.tokenLifetime(Duration.ofSeconds(2)))
			.start()) {
			this.fixture = jwt;
			this.simulator = jwt.simulator();
			tokenEndpointDownForLongerThanATokenLifetime();
		}
	}

	private void tokenEndpointDownForLongerThanATokenLifetime() {
		contextRunner().run((context) -> {
			assertThat(workflows(context).block(Duration.ofSeconds(20))).contains("data");
			this.simulator.tokenFaults().failNext(10_000, 503);
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.untilAsserted(() -> assertThat(catchThrowable(() -> workflows(context).block(Duration.ofSeconds(20))))
					.isInstanceOf(TokenEndpointUnavailableException.class));
			assertPoolIdle(context);
			this.simulator.tokenFaults().clear();
			// A failed fetch is not repeated for a second, so recovery follows within
			// that.
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(200))
				.ignoreException(TokenEndpointUnavailableException.class)
				.untilAsserted(() -> assertThat(workflows(context).block(Duration.ofSeconds(20))).contains("data"));
		});
	}

	@Test
	void serverErrorBurstFailsWithTheStatusAfterRetries() {
		this.simulator.faults().on("GET", "/workflows").status(503);
		contextRunner().run((context) -> {
			assertThatExceptionOfType(WebClientResponseException.ServiceUnavailable.class)
				.isThrownBy(() -> workflows(context).block(Duration.ofSeconds(20)));
			assertThat(this.simulator.exchanges()).hasSize(3);
			assertPoolIdle(context);
		});
	}

	@Test
	void responseSlowerThanResponseTimeoutFailsWithReadTimeout() {
		this.simulator.faults().on("GET", "/workflows").latency(Duration.ofSeconds(3));
		contextRunner("checkout.mtls.http.response-timeout=300ms").run((context) -> {
			assertThatExceptionOfType(WebClientRequestException.class)
				.isThrownBy(() -> workflows(context).block(Duration.ofSeconds(20)))
				.withCauseInstanceOf(ReadTimeoutException.class);
			assertThat(this.simulator.exchanges()).hasSizeLessThanOrEqualTo(1);
			assertPoolIdle(context);
		});
	}

	@Test
	void connectionResetBeforeEveryResponseFailsAsARequestFailureAfterRetries() {
		this.simulator.faults().on("GET", "/workflows").resetAfterProcessing();
		contextRunner().run((context) -> {
			assertThatExceptionOfType(WebClientRequestException.class)
				.isThrownBy(() -> workflows(context).block(Duration.ofSeconds(20)));
			assertThat(this.simulator.exchanges()).hasSize(3);
			assertPoolIdle(context);
		});
	}

	@Test
	void unresolvableHostFailsWithUnknownHostAtOnce() {
		contextRunner("checkout.mtls.api-base-url=https://mtls.api.checkout-mtls.invalid").run((context) -> {
			assertThatExceptionOfType(WebClientRequestException.class)
				.isThrownBy(() -> workflows(context).block(Duration.ofSeconds(20)))
				.withCauseInstanceOf(UnknownHostException.class);
			assertPoolIdle(context);
		});
	}

	private ApplicationContextRunner contextRunner(String... properties) {
		return TestContexts.contextRunner()
			.withPropertyValues(this.fixture.propertyValues())
			.withPropertyValues("checkout.mtls.retry.initial-backoff=10ms", "checkout.mtls.retry.max-backoff=50ms")
			.withPropertyValues(properties);
	}

	private static void assertPoolIdle(AssertableApplicationContext context) {
		CheckoutMtlsConnector connector = context.getBean(CheckoutMtlsConnector.class);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(connector.poolUsage().activeConnections()).isZero();
			assertThat(connector.poolUsage().pendingAcquisitions()).isZero();
		});
	}

	private static reactor.core.publisher.Mono<String> workflows(AssertableApplicationContext context) {
		return context.getBean("checkoutWebClient", WebClient.class)
			.get()
			.uri("/workflows")
			.retrieve()
			.bodyToMono(String.class);
	}

}
