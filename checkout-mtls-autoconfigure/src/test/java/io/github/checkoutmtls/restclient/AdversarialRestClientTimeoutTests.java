package io.github.checkoutmtls.restclient;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import io.github.checkoutmtls.TestContexts;
import io.github.checkoutmtls.pipeline.CheckoutOutcomeUnknownException;
import io.github.checkoutmtls.test.junit.SimulatorFixture;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Adversarial tests of {@code checkoutRestClient}'s wait against the pipeline's own
 * outcome for a payment that got no answer.
 */
class AdversarialRestClientTimeoutTests {

	private static final String PAYMENT = "{\"amount\":1000,\"currency\":\"EUR\",\"reference\":\"o-1\","
			+ "\"source\":{\"type\":\"card\",\"number\":\"4242424242424242\",\"expiry_month\":12,\"expiry_year\":2030}}";

	// The calling thread waits longer than every step of the pipeline (acquire,
	// connect, handshake, response), so the pipeline, which knows the payment was
	// written, decides: outcome unknown, as through checkoutWebClient, never a bare
	// SocketTimeoutException, even with retries disabled.
	@Test
	void paymentWithoutAnswerWithRetriesDisabledEndsUnknownThroughTheRestClientToo() {
		try (SimulatorFixture fixture = SimulatorFixture.builder().start()) {
			CheckoutMtlsSimulator simulator = fixture.simulator();
			simulator.faults().on("POST", "/payments").times(1).latency(Duration.ofMillis(1500));
			TestContexts.contextRunner()
				.withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class,
						CheckoutRestClientAutoConfiguration.class))
				.withPropertyValues(fixture.propertyValues())
				.withPropertyValues("checkout.mtls.http.response-timeout=300ms", "checkout.mtls.retry.enabled=false")
				.run((context) -> {
					RestClient client = context.getBean("checkoutRestClient", RestClient.class);
					// Warm up: a pooled connection, handshake done, classes loaded.
					await().atMost(Duration.ofSeconds(20))
						.ignoreExceptions()
						.until(() -> client.get().uri("/workflows").retrieve().body(String.class) != null);
					Throwable failure = catchThrowable(() -> client.post()
						.uri("/payments")
						.contentType(MediaType.APPLICATION_JSON)
						.body(PAYMENT)
						.retrieve()
						.body(String.class));
					await().atMost(Duration.ofSeconds(10))
						.untilAsserted(() -> assertThat(simulator.exchanges())
							.filteredOn((exchange) -> exchange.path().equals("/payments"))
							.as("the payment reached Checkout")
							.hasSize(1));
					assertThat(failure).as("what the RestClient caller got for a written payment")
						.isInstanceOf(CheckoutOutcomeUnknownException.class);
				});
		}
	}

}
