package io.github.checkoutmtls.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.pki.TestPkiFiles;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;

/**
 * Runs the sample against an embedded Checkout simulator unless the {@code sandbox} profile is active
 * or {@code sample.simulator.enabled=false}: writes a fresh test PKI to a temporary folder, starts the
 * simulator trusting its root, and points {@code checkout.mtls.*} at both. Properties the user sets
 * take precedence over these.
 */
public class EmbeddedSimulatorInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String COMMON_NAME = "gateway.sample.internal";

	static final String CLIENT_ID = "ack_sample_gateway";

	private static final Log logger = LogFactory.getLog(EmbeddedSimulatorInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (environment.matchesProfiles("sandbox")
				|| !environment.getProperty("sample.simulator.enabled", Boolean.class, false)) {
			return;
		}
		Path directory = createDirectory();
		TestPki pki = TestPki.builder().commonName(COMMON_NAME).build();
		TestPkiFiles files = pki.writeTo(directory);
		boolean jwt = "jwt".equalsIgnoreCase(environment.getProperty("checkout.mtls.auth-mode"));
		String clientId = environment.getProperty("checkout.mtls.jwt.client-id", CLIENT_ID);
		CheckoutMtlsSimulator simulator = CheckoutMtlsSimulator.builder()
			.trustedRoots(pki.root().certificate())
			.registeredCommonName(COMMON_NAME)
			// tls_client_auth: the client id, and the certificate authenticates.
			.client(clientId, null)
			.requireToken(jwt)
			.start();
		Path serverCa = write(directory.resolve("simulator-server-ca.pem"), simulator.serverCaPem());
		Map<String, Object> properties = new HashMap<>();
		properties.put("checkout.mtls.api-base-url", simulator.apiBaseUrl());
		properties.put("checkout.mtls.access-base-url", simulator.accessBaseUrl());
		properties.put("checkout.mtls.jwt.client-id", clientId);
		properties.put("checkout.mtls.keystore.certificate", "file:" + files.chain());
		properties.put("checkout.mtls.keystore.private-key", "file:" + files.privateKey());
		properties.put("checkout.mtls.trust.certificates", "file:" + serverCa);
		properties.put("checkout.mtls.expected-common-name", COMMON_NAME);
		environment.getPropertySources().addLast(new MapPropertySource("checkoutMtlsSimulator", properties));
		context.getBeanFactory().registerSingleton("checkoutMtlsSimulator", simulator);
		// Destroyed with this context's singletons: on close, and also when startup fails.
		((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean("checkoutMtlsSimulatorFiles",
				() -> {
					simulator.close();
					delete(directory);
				});
		logger.info("Embedded Checkout mTLS simulator at " + simulator.apiBaseUrl() + " (access host "
				+ simulator.accessBaseUrl() + "), trusting a test PKI in " + directory + " (registered CN '"
				+ COMMON_NAME + "'" + (jwt ? ", tokens required" : "") + ")");
	}

	private static Path createDirectory() {
		try {
			return Files.createTempDirectory("checkout-mtls-sample");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path write(Path file, String content) {
		try {
			return Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void delete(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			logger.debug("Could not delete " + directory, ex);
		}
	}

}
