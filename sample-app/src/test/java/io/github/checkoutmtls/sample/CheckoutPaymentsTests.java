package io.github.checkoutmtls.sample;

import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.api.CheckoutApiException;
import io.github.checkoutmtls.api.PaymentRequest;
import io.github.checkoutmtls.api.PaymentResponse;
import io.github.checkoutmtls.api.PaymentSource;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.RecordedExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A user's own service over the starter's typed {@code ReactiveCheckoutPayments}, tested
 * the way the README shows: the starter plus {@code checkout-mtls-test}'s
 * {@link CheckoutMtlsSimulatorTest}, with no setup code. The sample's own embedded
 * simulator is off. Each test asserts on what it did alone (records are cleared before
 * each test; payments are not), so the order of the tests does not matter.
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
		PaymentGateway payments;

		@Autowired
		CheckoutMtlsSimulator simulator;

		@Autowired
		@Qualifier("checkoutWebClient")
		WebClient checkout;

		@Test
		void createSendsOnePaymentWithSourceChannelAndIdempotencyKeyOverTheTestCertificate() {
			PaymentResponse payment = this.payments
				.create(PaymentRequest.of(CARD, 1000, "EUR", "order-1"), "key-order-1")
				.block(TIMEOUT);
			assertThat(payment.status()).isEqualTo("Authorized");
			assertThat(this.simulator.payments().find(payment.id())).isPresent();
			assertThat(this.simulator.exchanges()).singleElement().satisfies((exchange) -> {
				assertThat(exchange.idempotencyKey()).isEqualTo("key-order-1");
				assertThat(exchange.status()).isEqualTo(201);
				assertThat(exchange.leafCommonName()).isEqualTo(TestPki.DEFAULT_COMMON_NAME);
				assertThat(exchange.bearerToken()).isNull();
				assertThat(exchange.body()).contains("\"source\":{\"type\":\"token\",\"token\":\"tok_4242\"}")
					.contains("\"processing_channel_id\":\"pc_sample\"")
					.doesNotContain("3ds");
			});
		}

		@Test
		void createWithThreeDsReturnsCheckoutsPending202WithItsRedirect() {
			PaymentResponse payment = this.payments
				.create(PaymentRequest.of(CARD, 1000, "EUR", "order-3ds").withThreeDs(), "key-order-3ds")
				.block(TIMEOUT);
			assertThat(this.simulator.exchanges()).singleElement()
				.satisfies((exchange) -> assertThat(exchange.status()).isEqualTo(202));
			assertThat(payment.status()).isEqualTo("Pending");
			assertThat(payment.link("redirect").href()).contains("/3ds/" + payment.id());
		}

		@Test
		void createRetriedWithSameKeyTakesOnePayment() {
			PaymentRequest request = PaymentRequest.of(CARD, 700, "EUR", "order-retry");
			PaymentResponse first = this.payments.create(request, "key-retry").block(TIMEOUT);
			PaymentResponse retried = this.payments.create(request, "key-retry").block(TIMEOUT);
			assertThat(retried.id()).isEqualTo(first.id());
			assertThat(this.simulator.processedRequests("POST", "/payments")).isOne();
			assertThat(this.simulator.exchanges()).extracting(RecordedExchange::replayed).containsExactly(false, true);
		}

		@Test
		void getWhenPaymentIsUnknownFailsWithNotFound() {
			assertThatExceptionOfType(CheckoutApiException.class)
				.isThrownBy(() -> this.payments.get("pay_unknown").block(TIMEOUT))
				.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(404))
				.satisfies(
						(ex) -> assertThat(ex.getRequestId()).isEqualTo(this.simulator.exchanges().get(0).requestId()));
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
		PaymentGateway payments;

		@Autowired
		CheckoutMtlsSimulator simulator;

		@Test
		void createCarriesTokenBoundToTheTestCertificate() {
			PaymentResponse payment = this.payments
				.create(PaymentRequest.of(CARD, 2500, "GBP", "order-2"), "key-order-2")
				.block(TIMEOUT);
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
