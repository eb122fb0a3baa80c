package io.github.checkoutmtls.api;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.github.checkoutmtls.pipeline.CheckoutOutcomeUnknownException;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The error-body mapping, and a success without a body, through the real mTLS pipeline
 * and the simulator.
 */
@CheckoutMtlsSimulatorTest
@SpringBootTest(classes = MvcApplicationClientsTests.Application.class, properties = { "spring.main.banner-mode=off" })
class AdversarialSimulatorApiTests {

	@Autowired
	private CheckoutPayments payments;

	@Autowired
	private ReactiveCheckoutPayments reactivePayments;

	@Autowired
	private CheckoutMtlsSimulator simulator;

	@BeforeEach
	void clear() {
		this.simulator.stubs().clear();
	}

	@Test
	void blockingJsonNullErrorBodyGivesCheckoutApiException() {
		this.simulator.stubs().on("GET", "/payments/{id}").respond(422, "null");
		assertThatExceptionOfType(CheckoutApiException.class)
			.isThrownBy(() -> this.payments.getPaymentDetails("pay_x"));
	}

	@Test
	void blockingNullErrorCodeGivesCheckoutApiException() {
		this.simulator.stubs()
			.on("GET", "/payments/{id}")
			.respond(422, "{\"error_type\":\"request_invalid\",\"error_codes\":[\"amount_required\",null]}");
		assertThatExceptionOfType(CheckoutApiException.class)
			.isThrownBy(() -> this.payments.getPaymentDetails("pay_x"));
	}

	@Test
	void reactiveNullErrorCodeGivesCheckoutApiException() {
		this.simulator.stubs()
			.on("GET", "/payments/{id}")
			.respond(422, "{\"error_type\":\"request_invalid\",\"error_codes\":[\"amount_required\",null]}");
		assertThatExceptionOfType(CheckoutApiException.class)
			.isThrownBy(() -> this.reactivePayments.getPaymentDetails("pay_x").block(Duration.ofSeconds(10)));
	}

	@Test
	void blockingPaymentAnsweredWithoutBodyEndsUnknownWithTheCallersKey() {
		this.simulator.stubs().on("POST", "/payments").respond(201);
		assertThatExceptionOfType(CheckoutOutcomeUnknownException.class)
			.isThrownBy(() -> this.payments.requestPayment(payment("order-no-body"), "order-no-body-key"))
			.satisfies((unknown) -> {
				assertThat(unknown.getIdempotencyKey()).isEqualTo("order-no-body-key");
				assertThat(unknown.getPath()).isEqualTo("/payments");
				assertThat(unknown.getMessage()).contains("with no error and no body")
					.contains("same Cko-Idempotency-Key 'order-no-body-key'")
					.doesNotContain("attempt(s)");
			});
	}

	@Test
	void reactiveCaptureAnsweredWithoutBodyEndsUnknownNamingTheRequestAsSent() {
		this.simulator.stubs().on("POST", "/payments/{id}/captures").respond(202);
		assertThatExceptionOfType(CheckoutOutcomeUnknownException.class)
			.isThrownBy(() -> this.reactivePayments.capturePayment("pay/1+2", null, null).block(Duration.ofSeconds(10)))
			.satisfies((unknown) -> {
				assertThat(unknown.getIdempotencyKey()).isNull();
				// Encoded as the client encoded it, under the API base URL.
				assertThat(unknown.getPath()).isEqualTo("/payments/pay%2F1%2B2/captures");
				assertThat(unknown.getUri().getAuthority())
					.isEqualTo(URI.create(this.simulator.apiBaseUrl()).getAuthority());
				assertThat(unknown.getMessage()).contains("look it up before acting on it");
			});
	}

	@Test
	void readAnsweredWithoutBodyFailsWithoutClaimingAnUnknownOutcome() {
		this.simulator.stubs().on("GET", "/payments/{id}").respond(200);
		assertThatIllegalStateException().isThrownBy(() -> this.payments.getPaymentDetails("pay_empty"))
			.withMessage("Checkout answered GET /payments/pay_empty with no error and no body");
		assertThatIllegalStateException()
			.isThrownBy(() -> this.reactivePayments.getPaymentDetails("pay_empty").block(Duration.ofSeconds(10)))
			.withMessage("Checkout answered GET /payments/pay_empty with no error and no body");
	}

	private static PaymentRequest payment(String reference) {
		return PaymentRequest.of(PaymentSource.token("tok_test"), 1000, "EUR", reference);
	}

}
