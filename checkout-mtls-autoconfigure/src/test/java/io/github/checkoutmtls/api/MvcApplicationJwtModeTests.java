package io.github.checkoutmtls.api;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest.AuthMode;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.RecordedExchange;
import io.github.checkoutmtls.test.simulator.SimulatorHost;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MvcApplicationClientsTests} in jwt mode: every call carries a token bound to the
 * leaf it presents.
 */
@CheckoutMtlsSimulatorTest(authMode = AuthMode.JWT)
@SpringBootTest(classes = MvcApplicationClientsTests.Application.class,
		properties = { "spring.threads.virtual.enabled=true", "spring.main.banner-mode=off" })
class MvcApplicationJwtModeTests extends MvcApplicationClientsTests {

	@Autowired
	private CheckoutMtlsSimulator simulator;

	@Override
	void assertAuthenticated(RecordedExchange exchange) {
		assertDefaultLeaf(exchange);
		assertThat(exchange.bearerToken()).isNotNull();
		assertThat(this.simulator.issuedTokens()).isNotEmpty();
	}

	@Autowired
	private CheckoutPayments payments;

	@Autowired
	private MyCheckoutApi myApi;

	@Test
	void everyFrontSendsTheOneCachedToken() {
		this.simulator.addPayment("pay_token", "Authorized", 100, "EUR");
		this.payments.getPaymentDetails("pay_token");
		this.myApi.payment("pay_token");
		this.payments.getPaymentDetails("pay_token");
		assertThat(this.simulator.tokenRequests()).isOne();
		assertThat(this.simulator.exchanges()).filteredOn((exchange) -> exchange.host() == SimulatorHost.API)
			.extracting(RecordedExchange::bearerToken)
			.containsOnly(this.simulator.issuedTokens().get(0).token());
	}

}
