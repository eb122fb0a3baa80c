package io.github.checkoutmtls.test.junit;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLException;

import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CheckoutMtlsSimulatorExtension} without Spring.
 */
@CheckoutMtlsSimulatorTest(commonName = "plain.junit.internal")
class CheckoutMtlsSimulatorExtensionTests {

	private static CheckoutMtlsSimulator seen;

	@Test
	void simulatorAndPkiAreResolvedAndWorkTogether(CheckoutMtlsSimulator simulator, TestPki pki) throws SSLException {
		assertSameSimulatorForTheClass(simulator);
		assertThat(simulator.exchanges()).isEmpty();
		assertThat(get(simulator, pki, "/workflows")).isEqualTo(200);
		assertThat(simulator.exchanges()).singleElement()
			.satisfies((exchange) -> assertThat(exchange.leafCommonName()).isEqualTo("plain.junit.internal"));
	}

	@Test
	void recordsAreClearedBeforeEachTest(CheckoutMtlsSimulator simulator, TestPki pki) throws SSLException {
		assertSameSimulatorForTheClass(simulator);
		assertThat(simulator.exchanges()).isEmpty();
		assertThat(get(simulator, pki, "/payments/pay_unknown")).isEqualTo(404);
	}

	@Nested
	class NestedTests {

		@Test
		void nestedClassSharesTheSimulator(CheckoutMtlsSimulator simulator) {
			assertSameSimulatorForTheClass(simulator);
		}

	}

	private static synchronized void assertSameSimulatorForTheClass(CheckoutMtlsSimulator simulator) {
		if (seen == null) {
			seen = simulator;
		}
		assertThat(simulator).isSameAs(seen);
	}

	private static int get(CheckoutMtlsSimulator simulator, TestPki pki, String path) throws SSLException {
		SslContext sslContext = SslContextBuilder.forClient()
			.sslProvider(SslProvider.JDK)
			.keyManager(pki.leaf().privateKey(), pki.chain().toArray(new X509Certificate[0]))
			.trustManager(simulator.serverCa())
			.build();
		return HttpClient.newConnection()
			.secure((spec) -> spec.sslContext(sslContext))
			.get()
			.uri(simulator.apiBaseUrl() + path)
			.responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8)
				.defaultIfEmpty("")
				.map((text) -> response.status().code()))
			.block(Duration.ofSeconds(10));
	}

}
