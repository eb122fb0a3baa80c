package io.github.checkoutmtls.diagnostics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.io.DefaultResourceLoader;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;
import io.github.checkoutmtls.CustomCertificates;
import io.github.checkoutmtls.autoconfigure.CheckoutMtlsAutoConfiguration;
import io.github.checkoutmtls.reload.CheckoutMtlsReloadAutoConfiguration;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.Pem;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.pki.TestPkiFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CheckoutMtlsConfigurationFailureAnalyzer}: called directly, and
 * registered through {@code META-INF/spring.factories} so that a real
 * {@link SpringApplication#run} prints its report, once for every startup exception the
 * starter throws.
 */
@ExtendWith(OutputCaptureExtension.class)
class CheckoutMtlsConfigurationFailureAnalyzerTests {

	private static final String WRONG_PASSWORD = "Wrong-Keystore-Secret-3b9d";

	@TempDir
	static Path directory;

	private static TestPkiFiles files;

	private final CheckoutMtlsConfigurationFailureAnalyzer analyzer = new CheckoutMtlsConfigurationFailureAnalyzer();

	@BeforeAll
	static void writeKeyMaterial() throws IOException {
		TestPki pki = TestPki.builder().commonName("analyzer.internal").build();
		files = pki.writeTo(directory.resolve("pki"));
		write("other.key", Pem.privateKey(TestPki.builder().build().leaf().privateKey()));
		write("garbage.pem", "not a certificate\n");
		Instant past = Instant.now().minus(Duration.ofDays(10));
		CertificateAndKey expired = pki.issueLeaf("analyzer.internal", KeyType.EC_P256, past.minus(Duration.ofDays(10)),
				past);
		writePair("expired", expired, pki.chainFor(expired));
		CertificateAndKey selfSigned = TestPki.selfSigned("analyzer.internal", KeyType.EC_P256);
		writePair("self-signed", selfSigned, List.of(selfSigned.certificate()));
		TestPki twoIntermediates = TestPki.builder().intermediates(2).build();
		writePair("missing-intermediate", twoIntermediates.leaf(),
				List.of(twoIntermediates.leaf().certificate(), twoIntermediates.intermediates().get(0).certificate()));
		CertificateAndKey weak = CustomCertificates.issue(pki.intermediates().get(0),
				new X500Principal("CN=analyzer.internal"), CustomCertificates.rsa(1024));
		List<java.security.cert.X509Certificate> weakChain = new ArrayList<>(pki.chain());
		weakChain.set(0, weak.certificate());
		writePair("weak", weak, weakChain);
	}

	static Stream<Arguments> startupFailures() {
		return Stream.of(
				failure("No client certificate and private key are configured", "checkout.mtls.pem.certificate"),
				failure("SSL bundle 'absent' does not exist", "checkout.mtls.ssl.bundle",
						"checkout.mtls.ssl.bundle=absent"),
				failure("Key material file does not exist", "checkout.mtls.pem.certificate",
						pem(at("absent.pem"), files.privateKey())),
				failure("Certificate file holds a private key but no certificate", "checkout.mtls.pem.certificate",
						pem(files.privateKey(), files.privateKey())),
				failure("Private key file holds certificates but no private key", "checkout.mtls.pem.private-key",
						pem(files.chain(), files.chain())),
				failure("Private key matches none of the certificates", "checkout.mtls.pem.private-key",
						pem(files.chain(), at("other.key"))),
				failure("The leaf's key is RSA 1024 bits, too weak", "checkout.mtls.pem.certificate",
						pem(at("weak.pem"), at("weak.key"))),
				failure("' expired on ", "checkout.mtls.pem.certificate", pem(at("expired.pem"), at("expired.key"))),
				failure("is self-signed; Checkout accepts only certificates issued by your private CA",
						"checkout.mtls.pem.certificate", pem(at("self-signed.pem"), at("self-signed.key"))),
				failure("The client certificate chain is incomplete", "checkout.mtls.pem.certificate",
						pem(at("missing-intermediate.pem"), at("missing-intermediate.key"))),
				failure("but the CN registered with Checkout is 'other.internal'", "checkout.mtls.expected-common-name",
						with(pem(), "checkout.mtls.expected-common-name=other.internal")),
				failure("Key store type 'PKCS13' is not supported", "checkout.mtls.keystore.type",
						keystore("PKCS13", files.pkcs12Password())),
				failure("keystore.p12 is wrong or missing", "checkout.mtls.keystore.password",
						keystore("PKCS12", WRONG_PASSWORD)),
				failure("Key store has no entry 'absent'", "checkout.mtls.keystore.alias",
						with(keystore("PKCS12", files.pkcs12Password()), "checkout.mtls.keystore.alias=absent")),
				failure("Certificate file holds no CERTIFICATE block", "checkout.mtls.trust.certificates",
						with(pem(), "checkout.mtls.trust.certificates=file:" + at("garbage.pem"))),
				failure("The OpenSSL TLS provider is not available", "checkout.mtls.http.tls-provider",
						with(pem(), "checkout.mtls.http.tls-provider=openssl")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("startupFailures")
	void startupFailurePrintsTheStartersDescriptionAndAction(String problem, String property, String[] properties,
			CapturedOutput output) {
		CheckoutMtlsConfigurationException cause = run(new SpringApplication(MinimalApplication.class), properties);
		assertThat(cause.getProblem()).contains(problem);
		assertThat(cause.getProperty()).isEqualTo(property);
		assertReported(output, cause);
	}

	@Test
	void startupInJwtModeWithoutOAuth2ClientPrintsTheStartersDescriptionAndAction(CapturedOutput output) {
		FilteredClassLoader classLoader = new FilteredClassLoader(
				"org.springframework.security.oauth2.client.registration.ClientRegistration");
		SpringApplication application = new SpringApplication(new DefaultResourceLoader(classLoader),
				MinimalApplication.class);
		CheckoutMtlsConfigurationException cause = run(application,
				with(pem(), "checkout.mtls.auth-mode=jwt", "checkout.mtls.jwt.client-id=c"));
		assertThat(cause.getProblem()).isEqualTo("jwt mode needs spring-security-oauth2-client on the classpath");
		assertThat(cause.getProperty()).isEqualTo("checkout.mtls.auth-mode");
		assertReported(output, cause);
	}

	@Test
	void analyzeWhenWrappedInBeanCreationNamesPropertyValueAndFix() {
		CheckoutMtlsConfigurationException cause = new Problem(
				"The leaf's CN is 'a.internal' but the CN registered with Checkout is 'b.internal'",
				"checkout.mtls.expected-common-name", "b.internal",
				"Use a certificate whose CN is 'b.internal', or register 'a.internal' with Checkout");
		FailureAnalysis analysis = this.analyzer
			.analyze(new BeanCreationException("checkoutMtlsConnector", "Failed to instantiate", cause));
		assertThat(analysis.getDescription())
			.startsWith("The Checkout mTLS client could not be configured: The leaf's CN")
			.contains("Property: checkout.mtls.expected-common-name")
			.contains("Value: b.internal");
		assertThat(analysis.getAction())
			.startsWith("Use a certificate whose CN is 'b.internal', or register 'a.internal'");
		assertThat(analysis.getCause()).isSameAs(cause);
	}

	@Test
	void analyzeWhenValueIsSecretOmitsValueLine() {
		CheckoutMtlsConfigurationException cause = new Problem(
				"Password for the private key or key store at file:key.pem is wrong or missing",
				"checkout.mtls.pem.private-key-password", null, "Set the password it was encrypted with");
		FailureAnalysis analysis = this.analyzer.analyze(cause);
		assertThat(analysis.getDescription()).contains("Property: checkout.mtls.pem.private-key-password")
			.doesNotContain("Value:");
	}

	@Test
	void analyzeWhenUnrelatedFailureReturnsNull() {
		assertThat(this.analyzer.analyze(new IllegalStateException("unrelated"))).isNull();
	}

	/**
	 * Runs the application, which must fail, and returns the starter's exception behind
	 * the failure.
	 */
	private static CheckoutMtlsConfigurationException run(SpringApplication application, String[] properties) {
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setRegisterShutdownHook(false);
		String[] arguments = Stream
			.concat(Stream.of("--spring.main.banner-mode=off"),
					Stream.of(properties).map((property) -> "--" + property))
			.toArray(String[]::new);
		Throwable failure = assertThatExceptionOfType(Throwable.class).isThrownBy(() -> application.run(arguments))
			.actual();
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof CheckoutMtlsConfigurationException configuration) {
				return configuration;
			}
		}
		throw new AssertionError("Startup failed without the starter's exception", failure);
	}

	/**
	 * Asserts Spring Boot's startup report, which only a registered failure analyzer
	 * produces, shows the exception's problem, property, value and action as the README's
	 * troubleshooting section quotes them.
	 */
	private static void assertReported(CapturedOutput output, CheckoutMtlsConfigurationException cause) {
		String newline = System.lineSeparator();
		String description = "The Checkout mTLS client could not be configured: " + cause.getProblem() + "." + newline
				+ newline + "    Property: " + cause.getProperty()
				+ ((cause.getValue() != null) ? newline + "    Value: " + cause.getValue() : "");
		assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
			.contains("Description:" + newline + newline + description + newline)
			.contains("Action:" + newline + newline + cause.getAction())
			.doesNotContain(WRONG_PASSWORD);
	}

	private static Arguments failure(String problem, String property, String... properties) {
		return Arguments.of(problem, property, properties);
	}

	private static String[] pem() {
		return pem(files.chain(), files.privateKey());
	}

	private static String[] pem(Path certificate, Path key) {
		return new String[] { "checkout.mtls.pem.certificate=file:" + certificate,
				"checkout.mtls.pem.private-key=file:" + key };
	}

	private static String[] keystore(String type, String password) {
		return new String[] { "checkout.mtls.keystore.location=file:" + files.pkcs12(),
				"checkout.mtls.keystore.type=" + type, "checkout.mtls.keystore.password=" + password };
	}

	private static String[] with(String[] properties, String... more) {
		return Stream.concat(Stream.of(properties), Stream.of(more)).toArray(String[]::new);
	}

	private static Path at(String name) {
		return directory.resolve(name);
	}

	private static void writePair(String name, CertificateAndKey leaf, List<java.security.cert.X509Certificate> chain)
			throws IOException {
		write(name + ".pem", Pem.certificates(chain));
		write(name + ".key", Pem.privateKey(leaf.privateKey()));
	}

	private static void write(String name, String content) throws IOException {
		Files.writeString(directory.resolve(name), content);
	}

	/**
	 * A problem built here: the starter's own subtypes are internal to their packages.
	 */
	private static final class Problem extends CheckoutMtlsConfigurationException {

		Problem(String problem, String property, @Nullable String value, String action) {
			super(problem, property, value, action, null);
		}

	}

	/**
	 * The smallest application that has the starter: its auto-configurations and the Boot
	 * ones it uses, no component scanning, no web server.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ CheckoutMtlsAutoConfiguration.class, CheckoutMtlsReloadAutoConfiguration.class,
			SslAutoConfiguration.class, WebClientAutoConfiguration.class })
	static class MinimalApplication {

	}

}
