package io.github.checkoutmtls.api;

import org.springframework.boot.test.context.SpringBootTest;

import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest;
import io.github.checkoutmtls.test.simulator.RecordedExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MvcApplicationClientsTests} in certificate mode.
 */
@CheckoutMtlsSimulatorTest
@SpringBootTest(classes = MvcApplicationClientsTests.Application.class,
		properties = { "spring.threads.virtual.enabled=true", "spring.main.banner-mode=off" })
class MvcApplicationCertificateModeTests extends MvcApplicationClientsTests {

	@Override
	void assertAuthenticated(RecordedExchange exchange) {
		assertDefaultLeaf(exchange);
		assertThat(exchange.bearerToken()).isNull();
	}

}
