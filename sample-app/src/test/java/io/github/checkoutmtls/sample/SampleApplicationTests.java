package io.github.checkoutmtls.sample;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.checkoutmtls.api.PaymentRequest;
import io.github.checkoutmtls.api.PaymentResponse;
import io.github.checkoutmtls.api.PaymentSource;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.RecordedExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample gateway on its default profile: the embedded simulator, a demo payment at
 * startup, and its HTTP API mapping Checkout's answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	@LocalServerPort
	int port;

	@Autowired
	CheckoutMtlsSimulator simulator;

	@Test
	void demoPaymentAtStartupWentOverMutualTls() {
		assertThat(this.simulator.exchanges()).extracting(RecordedExchange::method, RecordedExchange::leafCommonName)
			.contains(org.assertj.core.groups.Tuple.tuple("POST", EmbeddedSimulatorInitializer.COMMON_NAME));
	}

	@Test
	void createThenReadPaymentThroughGateway() {
		WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		String id = client.post()
			.uri("/demo/payments")
			.header("Idempotency-Key", "gateway-order-42")
			.bodyValue(PaymentRequest.of(PaymentSource.token("tok_gateway"), 4200, "EUR", "order-42"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(PaymentResponse.class)
			.returnResult()
			.getResponseBody()
			.id();
		client.get()
			.uri("/demo/payments/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.amount")
			.isEqualTo(4200)
			.jsonPath("$.reference")
			.isEqualTo("order-42");
		RecordedExchange post = this.simulator.exchanges()
			.stream()
			.filter((exchange) -> exchange.method().equals("POST"))
			.reduce((first, second) -> second)
			.orElseThrow();
		assertThat(post.header("Cko-Idempotency-Key")).isEqualTo("gateway-order-42");
	}

	@Test
	void paymentPendingThreeDsIsAcceptedWithTheRedirectToFollow() {
		PaymentRequest request = PaymentRequest.of(PaymentSource.token("tok_gateway"), 4200, "EUR", "order-3ds")
			.withThreeDs();
		PaymentResponse payment = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.build()
			.post()
			.uri("/demo/payments")
			.bodyValue(request)
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectHeader()
			.value("Location", (location) -> assertThat(location).contains("/3ds/"))
			.expectBody(PaymentResponse.class)
			.returnResult()
			.getResponseBody();
		assertThat(payment.status()).isEqualTo("Pending");
		assertThat(payment.link("redirect").href()).endsWith("/3ds/" + payment.id());
	}

	@Test
	void unknownPaymentIsNotFoundWithCheckoutRequestId() {
		WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.build()
			.get()
			.uri("/demo/payments/pay_missing")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.checkout_request_id")
			.value((requestId) -> assertThat(UUID.fromString(requestId.toString())).isNotNull());
	}

}
