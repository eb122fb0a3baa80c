package io.github.checkoutmtls.doctor.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.checkoutmtls.doctor.DoctorReport.ConnectResult;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorExtension;
import io.github.checkoutmtls.test.junit.SimulatorFixture;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.HandshakeRejection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConnectProbe}: real handshakes with the simulator, classified as
 * Checkout documents them.
 */
class ConnectProbeTests {

	@RegisterExtension
	static final CheckoutMtlsSimulatorExtension checkout = SimulatorFixture.builder()
		.commonName("merchant.internal")
		.perClass();

	private TestPki pki;

	private ClientIdentity identity;

	private CheckoutMtlsSimulator simulator;

	private SimulatorFixture own;

	@BeforeEach
	void useTheClassFixture() {
		this.pki = checkout.pki();
		this.identity = ClientIdentity.of(this.pki.chain(), this.pki.leaf().privateKey(), "test=memory");
		this.simulator = checkout.simulator();
	}

	@AfterEach
	void stop() {
		if (this.own != null) {
			this.own.close();
		}
	}

	@Test
	void probeWhenRootIsRegisteredAndCommonNameMatchesConnects() {
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
		// The simulator trusts a PKI of its own, not the client's
		this.simulator = ownSimulator(SimulatorFixture.builder().handshakeRejection(HandshakeRejection.RESET));
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
		this.simulator = ownSimulator(SimulatorFixture.builder().pki(this.pki).commonName("registered.internal"));
		ConnectResult result = probe();
		assertThat(result.outcome()).isEqualTo(ConnectResult.Outcome.COMMON_NAME_MISMATCH);
		assertThat(result.status()).isEqualTo(401);
		assertThat(result.detail()).contains("the leaf's CN 'merchant.internal' is not the CN registered");
	}

	@Test
	void probeWhenServerCertificateIsNotTrustedSaysSo() {
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

	private CheckoutMtlsSimulator ownSimulator(SimulatorFixture.Builder builder) {
		this.own = builder.start();
		return this.own.simulator();
	}

	private ConnectResult probe() {
		return new ConnectProbe(URI.create(this.simulator.apiBaseUrl()), List.of(this.simulator.serverCa()),
				Clock.systemUTC())
			.probe(this.identity);
	}

}
