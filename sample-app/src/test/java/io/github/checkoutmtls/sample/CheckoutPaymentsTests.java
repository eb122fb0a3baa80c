package io.github.checkoutmtls.sample;

import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import io.github.checkoutmtls.sample.PaymentRequest.PaymentSource;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.RecordedExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A user's own service tested the way the README shows: the starter plus {@code checkout-mtls-test}'s
 * {@link CheckoutMtlsSimulatorTest}, with no setup code. The sample's own embedded simulator is off. Each
 * test asserts on what it did alone (records are cleared before each test; payments are not), so the order
 * of the tests does not matter.
 */
class CheckoutPaymentsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final PaymentSource CARD = PaymentSource.token("tok_4242");

	@Nested
	@CheckoutMtlsSimulatorTest
	@SpringBootTest(properties = { "sample.simulator.enabled=false", "sample.demo-payment=false",
			"sample.checkout.processing-channel-id=pc_sample" })
	class CertificateMode {

		@Autowired
		CheckoutPayments payments;

		@Autowired
		CheckoutMtlsSimulator simulator;

		@Autowired
		@Qualifier("checkoutWebClient")
		WebClient checkout;

		@Test
		void createSendsOnePaymentWithSourceChannelAndIdempotencyKeyOverTheTestCertificate() {
			ResponseEntity<Payment> answer = this.payments.create(new PaymentRequest(1000, "EUR", "order-1", CARD),
					"key-order-1").block(TIMEOUT);
			assertThat(answer.getStatusCode().value()).isEqualTo(201);
			Payment payment = answer.getBody();
			assertThat(payment.status()).isEqualTo("Authorized");
			assertThat(this.simulator.payments().find(payment.id())).isPresent();
			assertThat(this.simulator.exchanges()).singleElement().satisfies((exchange) -> {
				assertThat(exchange.idempotencyKey()).isEqualTo("key-order-1");
				assertThat(exchange.leafCommonName()).isEqualTo(TestPki.DEFAULT_COMMON_NAME);
				assertThat(exchange.bearerToken()).isNull();
				assertThat(exchange.body()).contains("\"source\":{\"type\":\"token\",\"token\":\"tok_4242\"}")
					.contains("\"processing_channel_id\":\"pc_sample\"")
					.doesNotContain("3ds");
			});
		}

		@Test
		void createWithThreeDsReturnsCheckoutsPending202WithItsRedirect() {
			ResponseEntity<Payment> answer = this.payments
				.create(new PaymentRequest(1000, "EUR", "order-3ds", CARD).withThreeDs(), "key-order-3ds")
				.block(TIMEOUT);
			assertThat(answer.getStatusCode().value()).isEqualTo(202);
			assertThat(answer.getBody().status()).isEqualTo("Pending");
			assertThat(answer.getBody().redirectUrl()).contains("/3ds/" + answer.getBody().id());
		}

		@Test
		void createRetriedWithSameKeyTakesOnePayment() {
			PaymentRequest request = new PaymentRequest(700, "EUR", "order-retry", CARD);
			Payment first = this.payments.create(request, "key-retry").block(TIMEOUT).getBody();
			Payment retried = this.payments.create(request, "key-retry").block(TIMEOUT).getBody();
			assertThat(retried.id()).isEqualTo(first.id());
			assertThat(this.simulator.processedRequests("POST", "/payments")).isOne();
			assertThat(this.simulator.exchanges()).extracting(RecordedExchange::replayed).containsExactly(false, true);
		}

		@Test
		void getWhenPaymentIsUnknownFailsWithNotFound() {
			assertThatExceptionOfType(WebClientResponseException.NotFound.class)
				.isThrownBy(() -> this.payments.get("pay_unknown").block(TIMEOUT));
		}

		@Test
		void customerEndpointTheSimulatorDoesNotModelIsStubbedOnTheSameMtlsEdge() {
			this.simulator.stubs().on("POST", "/customers").respond(201, "{\"id\": \"cus_sample\"}");
			String customer = this.checkout.post()
				.uri("/customers")
				.bodyValue("{\"email\": \"jane@example.com\"}")
				.retrieve()
				.bodyToMono(String.class)
				.block(TIMEOUT);
			assertThat(customer).contains("cus_sample");
			assertThat(this.simulator.processedRequests("POST", "/customers")).isOne();
			assertThat(this.simulator.exchanges()).singleElement().satisfies((exchange) -> {
				assertThat(exchange.leafCommonName()).isEqualTo(TestPki.DEFAULT_COMMON_NAME);
				assertThat(exchange.body()).contains("jane@example.com");
			});
		}

	}

	@Nested
	@CheckoutMtlsSimulatorTest(authMode = CheckoutMtlsSimulatorTest.AuthMode.JWT)
	@SpringBootTest(properties = { "sample.simulator.enabled=false", "sample.demo-payment=false" })
	class JwtMode {

		@Autowired
		CheckoutPayments payments;

		@Autowired
		CheckoutMtlsSimulator simulator;

		@Test
		void createCarriesTokenBoundToTheTestCertificate() {
			Payment payment = this.payments.create(new PaymentRequest(2500, "GBP", "order-2", CARD), "key-order-2")
				.block(TIMEOUT)
				.getBody();
			assertThat(this.payments.get(payment.id()).block(TIMEOUT).amount()).isEqualTo(2500L);
			assertThat(this.simulator.exchanges()).filteredOn((exchange) -> exchange.path().startsWith("/payments"))
				.hasSize(2)
				.allSatisfy((exchange) -> assertThat(exchange.bearerToken()).isNotNull());
			assertThat(this.simulator.issuedTokens()).singleElement()
				.satisfies((token) -> assertThat(token.thumbprint())
					.isEqualTo(this.simulator.exchanges().get(0).leafThumbprint()));
		}

	}

}
