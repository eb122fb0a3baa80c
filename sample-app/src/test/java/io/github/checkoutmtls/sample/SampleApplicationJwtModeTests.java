package io.github.checkoutmtls.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.checkoutmtls.api.PaymentRequest;
import io.github.checkoutmtls.api.PaymentSource;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.RecordedExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample gateway switched to jwt mode by one property: every call to the simulator's
 * API host carries a token the simulator issued and bound to the gateway's certificate.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "checkout.mtls.auth-mode=jwt")
class SampleApplicationJwtModeTests {

	@LocalServerPort
	int port;

	@Autowired
	CheckoutMtlsSimulator simulator;

	@Test
	void paymentsCarryCertificateBoundToken() {
		WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.build()
			.post()
			.uri("/demo/payments")
			.bodyValue(PaymentRequest.of(PaymentSource.token("tok_jwt"), 1500, "GBP", "order-jwt"))
			.exchange()
			.expectStatus()
			.isCreated();
		assertThat(this.simulator.exchanges()).filteredOn((exchange) -> exchange.path().startsWith("/payments"))
			.isNotEmpty()
			.allSatisfy((exchange) -> assertThat(exchange.bearerToken()).isNotNull())
			.extracting(RecordedExchange::status)
			.doesNotContain(401);
		assertThat(this.simulator.tokenRequests()).isEqualTo(1);
		assertThat(this.simulator.issuedTokens().get(0).thumbprint())
			.isEqualTo(this.simulator.exchanges().get(0).leafThumbprint());
	}

}
