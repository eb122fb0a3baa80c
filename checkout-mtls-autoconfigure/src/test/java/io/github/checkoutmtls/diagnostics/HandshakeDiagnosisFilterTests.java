package io.github.checkoutmtls.diagnostics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.TestContexts;
import io.github.checkoutmtls.CustomCertificates;
import io.github.checkoutmtls.test.junit.SimulatorFixture;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.Pem;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.pki.TestPkiFiles;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HandshakeDiagnosisFilter}: real handshakes that the simulator (or the
 * client) refuses.
 */
class HandshakeDiagnosisFilterTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = TestContexts.contextRunner();

	// The client's PKI; each simulator trusts a PKI of its own unless a test says
	// otherwise
	private final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	@Test
	void requestWhenSimulatorSendsAlertForUnregisteredRootExplainsCheckoutsThreeCauses() {
		CheckoutMtlsHandshakeException ex = assertClientCertificateRejected(
				io.github.checkoutmtls.test.simulator.HandshakeRejection.ALERT);
		assertThat(ex.getRejection()).isEqualTo(CheckoutMtlsHandshakeException.Rejection.CLIENT_CERTIFICATE_REJECTED);
		assertThat(ex.getMessage()).contains("Checkout refused the client certificate");
	}

	@Test
	void requestWhenSimulatorResetsConnectionForUnregisteredRootExplainsCheckoutsThreeCauses() {
		CheckoutMtlsHandshakeException ex = assertClientCertificateRejected(
				io.github.checkoutmtls.test.simulator.HandshakeRejection.RESET);
		assertThat(ex.getRejection()).isEqualTo(CheckoutMtlsHandshakeException.Rejection.CONNECTION_RESET);
		assertThat(ex.getMessage()).contains("Checkout reset the connection").contains("Cko-Idempotency-Key");
	}

	@Test
	void requestWhenServerCertificateIsNotTrustedSaysTheClientRefusedIt() {
		try (SimulatorFixture fixture = SimulatorFixture.builder().pki(this.pki).start()) {
			// No checkout.mtls.trust.certificates: the JVM's trust store does not know
			// the simulator's CA.
			this.contextRunner.withPropertyValues(TestContexts.pem(fixture.files()))
				.withPropertyValues("checkout.mtls.api-base-url=" + fixture.simulator().apiBaseUrl())
				.run((context) -> {
					CheckoutMtlsHandshakeException ex = requestFails(
							context.getBean("checkoutWebClient", WebClient.class));
					assertThat(ex.getRejection())
						.isEqualTo(CheckoutMtlsHandshakeException.Rejection.SERVER_CERTIFICATE_UNTRUSTED);
					assertThat(ex.getMessage()).contains("does not trust the server's certificate")
						.contains("checkout.mtls.trust.certificates");
					assertThat(fixture.simulator().exchanges()).isEmpty();
				});
		}
	}

	@Test
	void requestWhenServerCertificateIsForAnotherHostFailsHostnameVerification() throws Exception {
		CertificateAndKey serverCa = CustomCertificates.certificateAuthority("Other Server CA");
		try (SimulatorFixture fixture = SimulatorFixture.builder()
			.pki(this.pki)
			.simulator((simulator) -> simulator
				.serverCertificate(CustomCertificates.server(serverCa, "mtls.api.example.test")))
			.start()) {
			Path trust = Files.writeString(this.directory.resolve("other-ca.pem"),
					Pem.certificates(serverCa.certificate()));
			this.contextRunner.withPropertyValues(fixture.propertyValues())
				.withPropertyValues("checkout.mtls.trust.certificates=file:" + trust)
				.run((context) -> {
					CheckoutMtlsHandshakeException ex = requestFails(
							context.getBean("checkoutWebClient", WebClient.class));
					assertThat(ex.getRejection())
						.isEqualTo(CheckoutMtlsHandshakeException.Rejection.SERVER_CERTIFICATE_UNTRUSTED);
					assertThat(ex.getMessage()).contains("localhost");
					assertThat(fixture.simulator().exchanges()).isEmpty();
				});
		}
	}

	private CheckoutMtlsHandshakeException assertClientCertificateRejected(
			io.github.checkoutmtls.test.simulator.HandshakeRejection mode) {
		// The simulator trusts its fixture's PKI, not the client's
		try (SimulatorFixture fixture = SimulatorFixture.builder().handshakeRejection(mode).start()) {
			return assertClientCertificateRejected(fixture);
		}
	}

	private CheckoutMtlsHandshakeException assertClientCertificateRejected(SimulatorFixture fixture) {
		CheckoutMtlsSimulator simulator = fixture.simulator();
		TestPkiFiles files = this.pki.writeTo(this.directory);
		AtomicReference<CheckoutMtlsHandshakeException> rejected = new AtomicReference<>();
		this.contextRunner.withPropertyValues(fixture.propertyValues())
			.withPropertyValues(TestContexts.pem(files))
			.withPropertyValues("checkout.mtls.expected-common-name=merchant.internal")
			.run((context) -> {
				CheckoutMtlsHandshakeException ex = requestFails(context.getBean("checkoutWebClient", WebClient.class));
				assertThat(ex.getMessage()).contains("Checkout documents three causes")
					.contains("the chain is incomplete")
					.contains("the leaf's issuer is not trusted")
					.contains("invalid or expired")
					.contains("CN='merchant.internal'")
					.contains("issuer='" + this.pki.intermediates().get(0).subject() + "'")
					.contains("chain of 2 certificate(s)");
				assertThat(ex.getUri().toString()).startsWith(simulator.apiBaseUrl());
				assertThat(simulator.handshakeRejections()).isNotEmpty();
				rejected.set(ex);
			});
		return rejected.get();
	}

	private static CheckoutMtlsHandshakeException requestFails(WebClient client) {
		Throwable failure = catchFailure(client);
		assertThat(failure).isInstanceOf(CheckoutMtlsHandshakeException.class);
		return (CheckoutMtlsHandshakeException) failure;
	}

	private static Throwable catchFailure(WebClient client) {
		try {
			client.get().uri("/payments/pay_1").retrieve().toBodilessEntity().block(Duration.ofSeconds(20));
		}
		catch (RuntimeException ex) {
			return ex;
		}
		throw new AssertionError("The request succeeded");
	}

}
