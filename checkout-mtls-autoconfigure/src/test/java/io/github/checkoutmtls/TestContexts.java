package io.github.checkoutmtls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import io.github.checkoutmtls.autoconfigure.CheckoutMtlsAutoConfiguration;
import io.github.checkoutmtls.test.pki.TestPkiFiles;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;

/**
 * The context runner and properties the starter's integration tests share.
 */
public final class TestContexts {

	private TestContexts() {
	}

	/**
	 * Returns a runner with the starter's auto-configuration and the Boot
	 * auto-configurations it uses.
	 * @return the runner
	 */
	public static ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations
			.of(CheckoutMtlsAutoConfiguration.class, SslAutoConfiguration.class, WebClientAutoConfiguration.class));
	}

	/**
	 * Returns the properties that point the starter at PEM files of a test PKI.
	 * @param files the files
	 * @return the properties
	 */
	public static String[] pem(TestPkiFiles files) {
		return new String[] { "checkout.mtls.pem.certificate=file:" + files.chain(),
				"checkout.mtls.pem.private-key=file:" + files.privateKey() };
	}

	/**
	 * Returns the properties that point the starter at a test PKI's PEM files and at a
	 * simulator, whose server CA is written beside the PKI files and trusted.
	 * @param files the files
	 * @param simulator the simulator
	 * @return the properties
	 */
	public static String[] simulator(TestPkiFiles files, CheckoutMtlsSimulator simulator) {
		Path trust = write(files.chain().resolveSibling("simulator-server-ca.pem"), simulator.serverCaPem());
		return new String[] { "checkout.mtls.pem.certificate=file:" + files.chain(),
				"checkout.mtls.pem.private-key=file:" + files.privateKey(),
				"checkout.mtls.api-base-url=" + simulator.apiBaseUrl(),
				"checkout.mtls.access-base-url=" + simulator.accessBaseUrl(),
				"checkout.mtls.trust.certificates=file:" + trust };
	}

	/**
	 * Writes a file.
	 * @param file the file
	 * @param content its content
	 * @return the file
	 */
	public static Path write(Path file, String content) {
		try {
			return Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
