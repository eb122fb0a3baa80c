package io.github.checkoutmtls.api;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The error-body mapping through the real mTLS pipeline and the simulator.
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

}
