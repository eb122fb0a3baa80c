package io.github.checkoutmtls.sample;

import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A user's own service tested the way the README shows: the starter plus {@code checkout-mtls-test}'s
 * {@link CheckoutMtlsSimulatorTest}, with no setup code. The sample's own embedded simulator is off.
 */
class CheckoutPaymentsTests {

	@Nested
	@CheckoutMtlsSimulatorTest
	@SpringBootTest(properties = { "sample.simulator.enabled=false", "sample.demo-payment=false" })
	class CertificateMode {

		@Autowired
		CheckoutPayments payments;

		@Autowired
		CheckoutMtlsSimulator simulator;

		@Test
		void createSendsOnePaymentWithIdempotencyKeyOverTheTestCertificate() {
			Payment payment = this.payments.create(new PaymentRequest(1000, "EUR", "order-1"), "key-order-1").block(Duration.ofSeconds(10));
			assertThat(payment.status()).isEqualTo("Authorized");
			assertThat(this.simulator.payments().find(payment.id())).isPresent();
			assertThat(this.simulator.exchanges()).singleElement().satisfies((exchange) -> {
				assertThat(exchange.idempotencyKey()).isEqualTo("key-order-1");
				assertThat(exchange.leafCommonName()).isEqualTo(TestPki.DEFAULT_COMMON_NAME);
				assertThat(exchange.bearerToken()).isNull();
			});
		}

		@Test
		void createWhenCheckoutNeedsThreeDsReturnsPending() {
			Payment payment = this.payments.create(new PaymentRequest(1002, "EUR", "order-3ds"), "key-order-3ds").block(Duration.ofSeconds(10));
			assertThat(payment.status()).isEqualTo("Pending");
		}

		@Test
		void createRetriedWithSameKeyTakesOnePayment() {
			Payment first = this.payments.create(new PaymentRequest(700, "EUR", "order-retry"), "key-retry")
				.block(Duration.ofSeconds(10));
			Payment retried = this.payments.create(new PaymentRequest(700, "EUR", "order-retry"), "key-retry")
				.block(Duration.ofSeconds(10));
			assertThat(retried.id()).isEqualTo(first.id());
			assertThat(this.simulator.payments().count()).isEqualTo(1);
		}

		@Test
		void getWhenPaymentIsUnknownFailsWithNotFound() {
			assertThatExceptionOfType(WebClientResponseException.NotFound.class)
				.isThrownBy(() -> this.payments.get("pay_unknown").block(Duration.ofSeconds(10)));
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
			Payment payment = this.payments.create(new PaymentRequest(2500, "GBP", "order-2"), "key-order-2").block(Duration.ofSeconds(10));
			assertThat(this.payments.get(payment.id()).block(Duration.ofSeconds(10)).amount()).isEqualTo(2500L);
			assertThat(this.simulator.exchanges()).filteredOn((exchange) -> exchange.path().startsWith("/payments"))
				.hasSize(2)
				.allSatisfy((exchange) -> assertThat(exchange.bearerToken()).isNotNull());
			assertThat(this.simulator.issuedTokens()).singleElement()
				.satisfies((token) -> assertThat(token.thumbprint())
					.isEqualTo(this.simulator.exchanges().get(0).leafThumbprint()));
		}

	}

}
