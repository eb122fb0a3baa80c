package io.github.checkoutmtls.doctor.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.checkoutmtls.doctor.DoctorReport.ConnectResult;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.HandshakeRejection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConnectProbe}: real handshakes with the simulator, classified as
 * Checkout documents them.
 */
class ConnectProbeTests {

	private final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	private final ClientIdentity identity = ClientIdentity.of(this.pki.chain(), this.pki.leaf().privateKey(),
			"test=memory");

	private CheckoutMtlsSimulator simulator;

	@AfterEach
	void stop() {
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

	@Test
	void probeWhenRootIsRegisteredAndCommonNameMatchesConnects() {
		this.simulator = CheckoutMtlsSimulator.builder()
			.trustedRoots(this.pki.root().certificate())
			.registeredCommonName("merchant.internal")
			.start();
		ConnectResult result = probe();
		assertThat(result.outcome()).isEqualTo(ConnectResult.Outcome.CONNECTED);
		assertThat(result.status()).isEqualTo(404);
		assertThat(result.url()).isEqualTo(URI.create(this.simulator.apiBaseUrl() + "/"));
		assertThat(result.passed()).isTrue();
		assertThat(this.simulator.exchanges()).singleElement()
			.satisfies((exchange) -> assertThat(exchange.leafCommonName()).isEqualTo("merchant.internal"));
	}

	@Test
	void probeWhenServerResetsForUnregisteredRootExplainsCheckoutsThreeCauses() {
		this.simulator = CheckoutMtlsSimulator.builder()
			.trustedRoots(TestPki.builder().build().root().certificate())
			.handshakeRejection(HandshakeRejection.RESET)
			.start();
		ConnectResult result = probe();
		assertThat(result.outcome()).isEqualTo(ConnectResult.Outcome.CLIENT_CERTIFICATE_REJECTED);
		assertThat(result.status()).isNull();
		assertThat(result.detail()).contains("the chain is incomplete")
			.contains("the leaf's issuer is not trusted")
			.contains("invalid or expired");
		assertThat(result.passed()).isFalse();
	}

	@Test
	void probeWhenCommonNameIsNotRegisteredReportsTheMismatch() {
		this.simulator = CheckoutMtlsSimulator.builder()
			.trustedRoots(this.pki.root().certificate())
			.registeredCommonName("registered.internal")
			.start();
		ConnectResult result = probe();
		assertThat(result.outcome()).isEqualTo(ConnectResult.Outcome.COMMON_NAME_MISMATCH);
		assertThat(result.status()).isEqualTo(401);
		assertThat(result.detail()).contains("the leaf's CN 'merchant.internal' is not the CN registered");
	}

	@Test
	void probeWhenServerCertificateIsNotTrustedSaysSo() {
		this.simulator = CheckoutMtlsSimulator.builder().trustedRoots(this.pki.root().certificate()).start();
		ConnectResult result = new ConnectProbe(URI.create(this.simulator.apiBaseUrl()), List.of(), Clock.systemUTC())
			.probe(this.identity);
		assertThat(result.outcome()).isEqualTo(ConnectResult.Outcome.SERVER_CERTIFICATE_UNTRUSTED);
		assertThat(this.simulator.exchanges()).isEmpty();
	}

	@Test
	void probeWhenNothingListensIsUnreachable() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		ConnectResult result = new ConnectProbe(URI.create("https://localhost:" + port), List.of(), Clock.systemUTC())
			.probe(this.identity);
		assertThat(result.outcome()).isEqualTo(ConnectResult.Outcome.UNREACHABLE);
		assertThat(result.detail()).contains("No answer from https://localhost:" + port + "/");
	}

	private ConnectResult probe() {
		return new ConnectProbe(URI.create(this.simulator.apiBaseUrl()), List.of(this.simulator.serverCa()),
				Clock.systemUTC())
			.probe(this.identity);
	}

}
