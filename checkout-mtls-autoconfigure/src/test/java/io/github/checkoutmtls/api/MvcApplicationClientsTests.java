package io.github.checkoutmtls.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.service.registry.ImportHttpServices;

import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.Payment;
import io.github.checkoutmtls.test.simulator.RecordedExchange;
import io.github.checkoutmtls.test.simulator.SimulatorHost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A Spring MVC application on virtual threads calling Checkout with
 * {@code checkoutRestClient}, an interface of its own in the {@code checkout} group, and
 * {@link CheckoutPayments}; run in both modes by the subclasses.
 */
abstract class MvcApplicationClientsTests {

	@Autowired
	@Qualifier("checkoutRestClient")
	private RestClient checkoutRestClient;

	@Autowired
	private MyCheckoutApi myApi;

	@Autowired
	private CheckoutPayments payments;

	@Autowired
	private CheckoutMtlsSimulator simulator;

	/**
	 * Asserts what mode-specific a request carried to the API host.
	 * @param exchange the recorded exchange
	 */
	abstract void assertAuthenticated(RecordedExchange exchange);

	@Test
	void checkoutRestClientPostsPaymentOverMtls() {
		ResponseEntity<Map<String, Object>> response = this.checkoutRestClient.post()
			.uri("/payments")
			.header("Cko-Idempotency-Key", "order-rest-1")
			.body(Map.of("amount", 1000, "currency", "EUR", "reference", "order-rest-1", "source",
					Map.of("type", "token", "token", "tok_test")))
			.retrieve()
			.toEntity(new org.springframework.core.ParameterizedTypeReference<>() {
			});
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(response.getBody()).containsEntry("status", "Authorized").containsKey("_links");
		assertThat(response.getHeaders().getFirst("Cko-Request-Id")).isNotBlank();
		assertThat(apiExchanges()).singleElement().satisfies((exchange) -> {
			assertThat(exchange.idempotencyKey()).isEqualTo("order-rest-1");
			assertThat(exchange.body()).contains("\"amount\":1000");
			assertAuthenticated(exchange);
		});
	}

	@Test
	void interfaceInCheckoutGroupIsBackedByTheMtlsClient() {
		this.simulator.addPayment("pay_group1", Payment.AUTHORIZED, 500, "GBP");
		assertThat(this.myApi.payment("pay_group1")).containsEntry("id", "pay_group1")
			.containsEntry("status", "Authorized");
		assertThat(apiExchanges()).singleElement().satisfies(this::assertAuthenticated);
	}

	@Test
	void interfaceInCheckoutGroupThrowsCheckoutApiExceptionForUnknownPayment() {
		assertThatExceptionOfType(CheckoutApiException.class).isThrownBy(() -> this.myApi.payment("pay_unknown"))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(404))
			.satisfies((ex) -> assertThat(ex.getRequestId()).isEqualTo(apiExchanges().get(0).requestId()));
	}

	@Test
	void typedApiAuthorizesCapturesAndRefundsAPayment() {
		PaymentResponse payment = this.payments
			.requestPayment(PaymentRequest.of(PaymentSource.token("tok_test"), 1000, "EUR", "order-typed-1"), null);
		assertThat(payment.status()).isEqualTo("Authorized");
		assertThat(payment.approved()).isTrue();
		assertThat(payment.id()).startsWith("pay_");
		assertThat(payment.link("self").href()).endsWith("/payments/" + payment.id());
		ActionResponse capture = this.payments.capturePayment(payment.id(), ActionRequest.of("capture-1"),
				"capture-key-1");
		assertThat(capture.actionId()).startsWith("act_");
		assertThat(capture.reference()).isEqualTo("capture-1");
		// Checkout processes actions asynchronously after its 202 (simulator fidelity
		// table).
		awaitStatus(payment.id(), Payment.CAPTURED);
		ActionResponse refund = this.payments.refundPayment(payment.id(), ActionRequest.of(400, "refund-1"), null);
		assertThat(refund.actionId()).startsWith("act_");
		awaitStatus(payment.id(), Payment.PARTIALLY_REFUNDED);
		PaymentDetails details = this.payments.getPaymentDetails(payment.id());
		assertThat(details.status()).isEqualTo(Payment.PARTIALLY_REFUNDED);
		assertThat(details.balances().totalCaptured()).isEqualTo(1000);
		assertThat(details.balances().totalRefunded()).isEqualTo(400);
		assertThat(details.balances().availableToRefund()).isEqualTo(600);
		assertThat(apiExchanges()).hasSize(4).allSatisfy(this::assertAuthenticated);
		assertThat(apiExchanges().get(1).idempotencyKey()).isEqualTo("capture-key-1");
	}

	@Test
	void typedApiVoidsAnAuthorizedPaymentWithoutBody() {
		PaymentResponse payment = this.payments
			.requestPayment(PaymentRequest.of(PaymentSource.token("tok_test"), 2000, "EUR", "order-void"), null);
		ActionResponse voided = this.payments.voidPayment(payment.id(), null, "void-key");
		assertThat(voided.actionId()).startsWith("act_");
		awaitStatus(payment.id(), Payment.VOIDED);
	}

	private void awaitStatus(String paymentId, String status) {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.simulator.payments().find(paymentId)).get()
				.extracting(Payment::status)
				.isEqualTo(status));
	}

	@Test
	void typedApiMapsCheckoutErrorBodyToCheckoutApiException() {
		PaymentRequest noAmount = new PaymentRequest(PaymentSource.token("tok_test"), null, "EUR", "order-bad", null,
				null, null, null, null);
		assertThatExceptionOfType(CheckoutApiException.class)
			.isThrownBy(() -> this.payments.requestPayment(noAmount, "bad-key"))
			.satisfies((ex) -> {
				RecordedExchange exchange = apiExchanges().get(0);
				assertThat(ex.getStatusCode()).isEqualTo(422);
				assertThat(ex.getErrorType()).isEqualTo("request_invalid");
				assertThat(ex.getErrorCodes()).containsExactly("amount_required");
				assertThat(ex.getRequestId()).isEqualTo(exchange.requestId());
				assertThat(ex.getMessage()).isEqualTo("Checkout answered 422 to POST /payments: request_invalid"
						+ " [amount_required] (Cko-Request-Id " + exchange.requestId() + ")");
			});
	}

	@Test
	void typedApiRefusedActionCarriesCheckoutErrorCodes() {
		this.simulator.addPayment("pay_declined1", Payment.DECLINED, 700, "EUR");
		assertThatExceptionOfType(CheckoutApiException.class)
			.isThrownBy(() -> this.payments.capturePayment("pay_declined1", null, null))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(403))
			// Checkout documents 403 for a refused action, not its body: the simulator
			// sends none by default.
			.satisfies((ex) -> assertThat(ex.getRequestId()).isNotBlank());
	}

	@Test
	void concurrentBurstOfTypedCallsSucceeds() throws Exception {
		this.simulator.addPayment("pay_burst", Payment.AUTHORIZED, 900, "EUR");
		ExecutorService threads = Executors.newFixedThreadPool(32);
		try {
			List<Callable<PaymentDetails>> calls = new ArrayList<>();
			for (int i = 0; i < 64; i++) {
				calls.add(() -> this.payments.getPaymentDetails("pay_burst"));
			}
			for (Future<PaymentDetails> result : threads.invokeAll(calls)) {
				assertThat(result.get().id()).isEqualTo("pay_burst");
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(apiExchanges()).hasSize(64).allSatisfy(this::assertAuthenticated);
	}

	private List<RecordedExchange> apiExchanges() {
		return this.simulator.exchanges().stream().filter((exchange) -> exchange.host() == SimulatorHost.API).toList();
	}

	static void assertDefaultLeaf(RecordedExchange exchange) {
		assertThat(exchange.leafCommonName()).isEqualTo(TestPki.DEFAULT_COMMON_NAME);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@ImportHttpServices(group = CheckoutHttpServices.GROUP, types = MyCheckoutApi.class)
	static class Application {

	}

}
