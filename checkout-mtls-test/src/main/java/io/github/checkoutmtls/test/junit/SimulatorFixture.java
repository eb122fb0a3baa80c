package io.github.checkoutmtls.test.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest.AuthMode;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.pki.TestPkiFiles;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.HandshakeRejection;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulatorBuilder;

/**
 * A running simulator with the fresh {@link TestPki} it trusts, written to a temporary
 * folder, and the {@code checkout.mtls.*} properties that point a client at both. Closing
 * stops the simulator and deletes the folder. {@link CheckoutMtlsSimulatorTest} uses one
 * per test context; an application that wants an embedded simulator outside tests (a demo
 * profile, say) can start one too.
 */
public final class SimulatorFixture implements AutoCloseable {

	private final TestPki pki;

	private final Path directory;

	private final CheckoutMtlsSimulator simulator;

	private final Map<String, Object> properties;

	private SimulatorFixture(SimulatorSettings settings, Path directory) {
		this.directory = directory;
		this.pki = TestPki.builder().commonName(settings.commonName()).build();
		TestPkiFiles files = this.pki.writeTo(directory);
		CheckoutMtlsSimulatorBuilder builder = CheckoutMtlsSimulator.builder()
			.serverCertificate(this.pki.server(), this.pki.serverCa())
			.trustedRoots(this.pki.root().certificate())
			.registeredCommonName(settings.commonName())
			.handshakeRejection(settings.handshakeRejection());
		if (settings.authMode() == AuthMode.JWT) {
			builder.client(settings.clientId(), null).requireToken(true);
		}
		this.simulator = builder.start();
		this.properties = properties(settings, files, this.simulator);
	}

	/**
	 * Starts a simulator trusting a fresh test PKI whose leaf has the given CN.
	 * @param commonName the leaf's CN, registered with the simulator
	 * @param authMode certificate, or jwt: the simulator then registers {@code clientId}
	 * for {@code tls_client_auth} and requires a certificate-bound token on every API
	 * request
	 * @param clientId the client id for jwt mode
	 * @return the running fixture
	 */
	public static SimulatorFixture start(String commonName, AuthMode authMode, String clientId) {
		return start(new SimulatorSettings(commonName, authMode, clientId, HandshakeRejection.RESET));
	}

	static SimulatorFixture start(SimulatorSettings settings) {
		try {
			return new SimulatorFixture(settings, Files.createTempDirectory("checkout-mtls-simulator"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a folder for the test PKI", ex);
		}
	}

	private static Map<String, Object> properties(SimulatorSettings settings, TestPkiFiles files,
			CheckoutMtlsSimulator simulator) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("checkout.mtls.api-base-url", simulator.apiBaseUrl());
		properties.put("checkout.mtls.access-base-url", simulator.accessBaseUrl());
		properties.put("checkout.mtls.pem.certificate", location(files.chain()));
		properties.put("checkout.mtls.pem.private-key", location(files.privateKey()));
		properties.put("checkout.mtls.trust.certificates", location(files.serverCa()));
		properties.put("checkout.mtls.expected-common-name", settings.commonName());
		if (settings.authMode() == AuthMode.JWT) {
			properties.put("checkout.mtls.auth-mode", "jwt");
			properties.put("checkout.mtls.jwt.client-id", settings.clientId());
		}
		return Map.copyOf(properties);
	}

	private static String location(Path file) {
		return "file:" + file.toAbsolutePath();
	}

	/**
	 * Returns the test PKI the simulator trusts.
	 * @return test PKI the simulator trusts
	 */
	public TestPki pki() {
		return this.pki;
	}

	/**
	 * Returns the running simulator.
	 * @return running simulator
	 */
	public CheckoutMtlsSimulator simulator() {
		return this.simulator;
	}

	/**
	 * Returns the {@code checkout.mtls.*} properties that point a client at the simulator
	 * and the PKI files.
	 * @return the properties
	 */
	public Map<String, Object> properties() {
		return this.properties;
	}

	@Override
	public void close() {
		try {
			this.simulator.close();
		}
		finally {
			delete(this.directory);
		}
	}

	private static void delete(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// A leftover temporary folder is not worth failing a test for
		}
	}

}
