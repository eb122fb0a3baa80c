package io.github.checkoutmtls.test.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest.AuthMode;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.pki.TestPkiFiles;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulatorBuilder;
import io.github.checkoutmtls.test.simulator.HandshakeRejection;

/**
 * A running simulator with the {@link TestPki} it trusts, written to a temporary folder,
 * and the {@code checkout.mtls.*} properties that point a client at both. Closing stops
 * the simulator and deletes the folder. {@link CheckoutMtlsSimulatorTest} uses one per
 * test context; {@link #builder()} starts one with more options, for a test method
 * (try-with-resources) or for a test class ({@link Builder#perClass()}). An application
 * that wants an embedded simulator outside tests (a demo profile, say) can start one too.
 */
public final class SimulatorFixture implements AutoCloseable {

	private final TestPki pki;

	private final Path directory;

	private final TestPkiFiles files;

	private final CheckoutMtlsSimulator simulator;

	private final Map<String, Object> properties;

	private SimulatorFixture(Builder settings, Path directory) {
		this.directory = directory;
		this.pki = (settings.pki != null) ? settings.pki : TestPki.builder().commonName(settings.commonName()).build();
		this.files = this.pki.writeTo(directory);
		String commonName = settings.commonName();
		CheckoutMtlsSimulatorBuilder builder = CheckoutMtlsSimulator.builder()
			.serverCertificate(this.pki.server(), this.pki.serverCa())
			.trustedRoots(this.pki.root().certificate())
			.registeredCommonName(commonName)
			.handshakeRejection(settings.handshakeRejection);
		if (settings.authMode == AuthMode.JWT) {
			builder.client(settings.clientId, settings.clientSecret).requireToken(true);
		}
		settings.customizers.forEach((customizer) -> customizer.accept(builder));
		this.simulator = builder.start();
		this.properties = properties(settings, commonName, this.files, this.simulator);
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
		return builder().commonName(commonName).authMode(authMode, clientId).start();
	}

	static SimulatorFixture start(SimulatorSettings settings) {
		return builder().commonName(settings.commonName())
			.authMode(settings.authMode(), settings.clientId())
			.handshakeRejection(settings.handshakeRejection())
			.start();
	}

	/**
	 * Returns a builder for a fixture with more options than
	 * {@link CheckoutMtlsSimulatorTest}'s: a given PKI, a client secret, any setting of
	 * the simulator's own builder.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	private static Map<String, Object> properties(Builder settings, String commonName, TestPkiFiles files,
			CheckoutMtlsSimulator simulator) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("checkout.mtls.api-base-url", simulator.apiBaseUrl());
		properties.put("checkout.mtls.access-base-url", simulator.accessBaseUrl());
		properties.put("checkout.mtls.pem.certificate", location(files.chain()));
		properties.put("checkout.mtls.pem.private-key", location(files.privateKey()));
		properties.put("checkout.mtls.trust.certificates", location(files.serverCa()));
		properties.put("checkout.mtls.expected-common-name", commonName);
		if (settings.authMode == AuthMode.JWT) {
			properties.put("checkout.mtls.auth-mode", "jwt");
			properties.put("checkout.mtls.jwt.client-id", settings.clientId);
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
	 * Returns the PKI's files (PEM and PKCS#12) in the fixture's temporary folder.
	 * @return the files
	 */
	public TestPkiFiles files() {
		return this.files;
	}

	/**
	 * Returns the fixture's temporary folder, deleted on {@link #close()}: a place for a
	 * test's other files.
	 * @return the folder
	 */
	public Path directory() {
		return this.directory;
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

	/**
	 * Returns {@link #properties()} as {@code name=value} pairs, for
	 * {@code ApplicationContextRunner.withPropertyValues} or
	 * {@code @SpringBootTest(properties = ...)}.
	 * @return the properties
	 */
	public String[] propertyValues() {
		return this.properties.entrySet()
			.stream()
			.map((property) -> property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
	}

	/**
	 * Forgets what the previous test left: recorded exchanges, handshake rejections,
	 * token requests and issued tokens, faults, token faults and stubs. Payments are
	 * kept.
	 */
	public void reset() {
		this.simulator.clearRecords();
		this.simulator.clearTokenRecords();
		this.simulator.faults().clear();
		this.simulator.stubs().clear();
		this.simulator.tokenFaults().clear();
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

	/**
	 * Options of a {@link SimulatorFixture}; by default a fresh PKI whose leaf has
	 * {@link TestPki#DEFAULT_COMMON_NAME}, certificate mode, rejected handshakes reset.
	 */
	public static final class Builder {

		private TestPki pki;

		private String commonName;

		private AuthMode authMode = AuthMode.CERTIFICATE;

		private String clientId = "checkout-mtls-test-client";

		private String clientSecret;

		private HandshakeRejection handshakeRejection = HandshakeRejection.RESET;

		private final List<Consumer<CheckoutMtlsSimulatorBuilder>> customizers = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Sets the CN of the client leaf, registered with the simulator and set as
		 * {@code checkout.mtls.expected-common-name}. Defaults to the CN of the given
		 * {@link #pki(TestPki) PKI}'s leaf, else {@link TestPki#DEFAULT_COMMON_NAME}.
		 * @param commonName the common name
		 * @return this builder
		 */
		public Builder commonName(String commonName) {
			this.commonName = commonName;
			return this;
		}

		/**
		 * Uses a given PKI instead of a fresh one: another key type, an expired leaf,
		 * several intermediates, or the same PKI as another fixture's. Its server
		 * certificate becomes the simulator's.
		 * @param pki the PKI
		 * @return this builder
		 */
		public Builder pki(TestPki pki) {
			this.pki = pki;
			return this;
		}

		/**
		 * Sets how the client authenticates; in jwt mode the simulator registers the
		 * client id (with the {@link #clientSecret(String) secret}, if any) and requires
		 * a certificate-bound token on every API request.
		 * @param authMode the authentication mode
		 * @param clientId the client id for jwt mode
		 * @return this builder
		 */
		public Builder authMode(AuthMode authMode, String clientId) {
			this.authMode = authMode;
			this.clientId = clientId;
			return this;
		}

		/**
		 * Registers the jwt mode's client with a secret, for {@code client_secret_post}
		 * or {@code client_secret_basic}, instead of {@code tls_client_auth}. The secret
		 * is not added to the properties: the test says how it is sent.
		 * @param clientSecret the secret
		 * @return this builder
		 */
		public Builder clientSecret(String clientSecret) {
			this.clientSecret = clientSecret;
			return this;
		}

		/**
		 * Sets how rejected handshakes end.
		 * @param handshakeRejection the rejection mode
		 * @return this builder
		 */
		public Builder handshakeRejection(HandshakeRejection handshakeRejection) {
			this.handshakeRejection = handshakeRejection;
			return this;
		}

		/**
		 * Applies any other setting of the simulator's builder (token lifetime, scopes,
		 * clock, another registered CN, more trusted roots...), after the fixture's own.
		 * @param customizer changes the simulator's builder
		 * @return this builder
		 */
		public Builder simulator(Consumer<CheckoutMtlsSimulatorBuilder> customizer) {
			this.customizers.add(customizer);
			return this;
		}

		/**
		 * Starts the fixture.
		 * @return the running fixture, to close
		 */
		public SimulatorFixture start() {
			try {
				return new SimulatorFixture(this, Files.createTempDirectory("checkout-mtls-simulator"));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot create a folder for the test PKI", ex);
			}
		}

		/**
		 * Returns an extension to register on a test class's static field with
		 * {@code @RegisterExtension}: it starts this fixture once for the class (and its
		 * {@code @Nested} classes), {@link SimulatorFixture#reset() resets} it before
		 * each test, and closes it after the class.
		 * @return the extension
		 */
		public CheckoutMtlsSimulatorExtension perClass() {
			return new CheckoutMtlsSimulatorExtension(this);
		}

		private String commonName() {
			if (this.commonName != null) {
				return this.commonName;
			}
			return (this.pki != null) ? leafCommonName(this.pki) : TestPki.DEFAULT_COMMON_NAME;
		}

		private static String leafCommonName(TestPki pki) {
			try {
				for (Rdn rdn : new LdapName(pki.leaf().certificate().getSubjectX500Principal().getName()).getRdns()) {
					if (rdn.getType().equalsIgnoreCase("CN")) {
						return rdn.getValue().toString();
					}
				}
			}
			catch (InvalidNameException ex) {
				throw new IllegalArgumentException("Cannot read the leaf's subject", ex);
			}
			throw new IllegalArgumentException("The PKI's leaf has no CN: set commonName(...)");
		}

	}

}
