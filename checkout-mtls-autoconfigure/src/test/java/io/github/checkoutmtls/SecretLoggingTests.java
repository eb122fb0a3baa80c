package io.github.checkoutmtls;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import io.github.checkoutmtls.autoconfigure.CheckoutMtlsAutoConfiguration;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorExtension;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest.AuthMode;
import io.github.checkoutmtls.test.junit.SimulatorFixture;
import io.github.checkoutmtls.test.pki.TestPkiFiles;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.IssuedToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A run through every path (startup, a startup failure, token fetch, a 401 and its fresh
 * token, retries) logs, at DEBUG, no private key, password, client secret or bearer
 * token; and a real application with every logger at DEBUG, Spring's web and Reactor
 * Netty's at TRACE and request details logging on, logs none either, whatever the key
 * source.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretLoggingTests {

	private static final String CLIENT_SECRET = "Logged-Client-Secret-e4b1";

	private static final String WRONG_PASSWORD = "Logged-Wrong-Password-0c7d";

	@TempDir
	Path directory;

	@RegisterExtension
	static final CheckoutMtlsSimulatorExtension checkout = SimulatorFixture.builder()
		.authMode(AuthMode.JWT, "client-1")
		.clientSecret(CLIENT_SECRET)
		.perClass();

	private final Logger logger = (Logger) LoggerFactory.getLogger("io.github.checkoutmtls");

	private Level level;

	private CheckoutMtlsSimulator simulator;

	@BeforeEach
	void debug() {
		this.simulator = checkout.simulator();
		this.level = this.logger.getLevel();
		this.logger.setLevel(Level.DEBUG);
	}

	@AfterEach
	void restore() {
		this.logger.setLevel(this.level);
	}

	@Test
	void everyPathLogsNoSecret(CapturedOutput output) throws Exception {
		TestPkiFiles files = checkout.fixture().files();
		contextRunner(files).withPropertyValues("checkout.mtls.keystore.password=" + WRONG_PASSWORD)
			.run((context) -> assertThat(context).hasFailed());
		contextRunner(files).run((context) -> {
			assertThat(context).hasNotFailed();
			this.simulator.faults().on("POST", "/payments").times(1).status(503);
			assertThat(payment(context)).isNotNull();
			// A token refused moments after it was fetched reaches the caller as the 401
			// (and its WARN).
			this.simulator.revokeAllTokens();
			assertThatExceptionOfType(WebClientResponseException.Unauthorized.class)
				.isThrownBy(() -> workflows(context));
		});
		assertThat(this.simulator.tokenRequests()).isEqualTo(1);
		assertThat(output.getAll()).contains("Checkout mTLS client ready").contains("Sending POST /payments again");
		for (String secret : secrets(files)) {
			assertThat(output.getAll()).doesNotContain(secret);
		}
	}

	@ParameterizedTest
	@EnumSource(KeySource.class)
	void applicationAtTraceLogsNoSecretWhateverTheKeySource(KeySource source, CapturedOutput output) throws Exception {
		TestPkiFiles files = checkout.fixture().files();
		List<String> properties = new ArrayList<>(List.of(checkout.fixture().propertyValues()));
		properties.addAll(List.of("logging.level.root=debug", "logging.level.org.springframework.web=trace",
				"logging.level.reactor.netty=trace", "spring.codec.log-request-details=true",
				"checkout.mtls.auth-mode=jwt", "checkout.mtls.jwt.client-id=client-1",
				"checkout.mtls.jwt.client-secret=" + CLIENT_SECRET));
		properties.addAll(source.properties(files, this.directory));
		try (ConfigurableApplicationContext context = run(properties)) {
			WebClient client = context.getBean("checkoutWebClient", WebClient.class);
			assertThat(workflows(client)).contains("data");
			this.simulator.revokeAllTokens();
			assertThatExceptionOfType(WebClientResponseException.Unauthorized.class)
				.isThrownBy(() -> workflows(client));
		}
		finally {
			restoreLogLevels();
		}
		assertThat(output.getAll()).as("the run logged at TRACE").contains("TRACE").contains("HTTP GET");
		for (String secret : secrets(files)) {
			assertThat(output.getAll()).doesNotContain(secret);
		}
		for (String secret : source.secrets(this.directory)) {
			assertThat(output.getAll()).doesNotContain(secret);
		}
	}

	private static ConfigurableApplicationContext run(List<String> properties) {
		SpringApplication application = new SpringApplication(LoggingApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setRegisterShutdownHook(false);
		// Later entries win, as withPropertyValues does; repeated command-line arguments
		// would be joined instead.
		Map<String, String> arguments = new LinkedHashMap<>();
		properties.forEach((property) -> arguments.put(property.substring(0, property.indexOf('=')),
				property.substring(property.indexOf('=') + 1)));
		return application.run(arguments.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new));
	}

	// The application's logging system outlives its context: later tests must not run at
	// TRACE.
	private static void restoreLogLevels() {
		ch.qos.logback.classic.LoggerContext loggers = (ch.qos.logback.classic.LoggerContext) LoggerFactory
			.getILoggerFactory();
		loggers.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
		loggers.getLogger("org.springframework.web").setLevel(null);
		loggers.getLogger("reactor.netty").setLevel(null);
	}

	private ApplicationContextRunner contextRunner(TestPkiFiles files) {
		return TestContexts.contextRunner()
			.withPropertyValues(checkout.fixture().propertyValues())
			.withPropertyValues("checkout.mtls.pem.certificate=", "checkout.mtls.pem.private-key=",
					"checkout.mtls.keystore.location=file:" + files.pkcs12(),
					"checkout.mtls.keystore.password=" + files.pkcs12Password(), "checkout.mtls.auth-mode=jwt",
					"checkout.mtls.jwt.client-id=client-1", "checkout.mtls.jwt.client-secret=" + CLIENT_SECRET,
					"checkout.mtls.retry.initial-backoff=10ms");
	}

	private List<String> secrets(TestPkiFiles files) throws Exception {
		List<String> secrets = new ArrayList<>(List.of(CLIENT_SECRET, WRONG_PASSWORD, files.pkcs12Password()));
		Files.readString(files.privateKey()).lines().filter((line) -> !line.startsWith("-----")).forEach(secrets::add);
		for (IssuedToken token : this.simulator.issuedTokens()) {
			secrets.add(token.token());
			secrets.add(token.token().substring(token.token().lastIndexOf('.') + 1));
			secrets.add(token.token().split("\\.")[1]);
		}
		assertThat(this.simulator.issuedTokens()).hasSize(1);
		return secrets;
	}

	private static String workflows(WebClient client) {
		return client.get().uri("/workflows").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(20));
	}

	private static String payment(AssertableApplicationContext context) {
		return client(context).post()
			.uri("/payments")
			.bodyValue(Map.of("amount", 1000, "currency", "EUR", "reference", "log-1", "source",
					Map.of("type", "token", "token", "tok_test")))
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(20));
	}

	private static String workflows(AssertableApplicationContext context) {
		return client(context).get()
			.uri("/workflows")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(20));
	}

	private static WebClient client(AssertableApplicationContext context) {
		return context.getBean("checkoutWebClient", WebClient.class);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ CheckoutMtlsAutoConfiguration.class, SslAutoConfiguration.class,
			CodecsAutoConfiguration.class, WebClientAutoConfiguration.class })
	static class LoggingApplication {

	}

	/**
	 * Where the client key comes from, each with a secret of its own.
	 */
	enum KeySource {

		PEM {
			@Override
			List<String> properties(TestPkiFiles files, Path directory) throws Exception {
				Path encrypted = directory.resolve("encrypted-key.pem");
				openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", files.privateKey().toString(), "-passout",
						"pass:" + KEY_PASSWORD, "-out", encrypted.toString());
				return List.of("checkout.mtls.pem.private-key=file:" + encrypted,
						"checkout.mtls.pem.private-key-password=" + KEY_PASSWORD);
			}

			@Override
			List<String> secrets(Path directory) throws Exception {
				List<String> secrets = new ArrayList<>(List.of(KEY_PASSWORD));
				secrets.addAll(keyLines(directory.resolve("encrypted-key.pem")));
				return secrets;
			}
		},

		PKCS12 {
			@Override
			List<String> properties(TestPkiFiles files, Path directory) {
				return keyStore("file:" + files.pkcs12(), "PKCS12", files.pkcs12Password());
			}
		},

		JKS {
			@Override
			List<String> properties(TestPkiFiles files, Path directory) throws Exception {
				return keyStore("file:" + jks(files, directory), "JKS", files.pkcs12Password());
			}
		},

		SSL_BUNDLE {
			@Override
			List<String> properties(TestPkiFiles files, Path directory) throws Exception {
				return List.of("checkout.mtls.pem.certificate=", "checkout.mtls.pem.private-key=",
						"checkout.mtls.ssl.bundle=checkout",
						"spring.ssl.bundle.jks.checkout.keystore.location=file:" + jks(files, directory),
						"spring.ssl.bundle.jks.checkout.keystore.type=JKS",
						"spring.ssl.bundle.jks.checkout.keystore.password=" + files.pkcs12Password(),
						"spring.ssl.bundle.jks.checkout.key.password=" + files.pkcs12Password());
			}
		};

		private static final String KEY_PASSWORD = "Logged-Key-Password-8a2f";

		abstract List<String> properties(TestPkiFiles files, Path directory) throws Exception;

		List<String> secrets(Path directory) throws Exception {
			return List.of();
		}

		private static List<String> keyStore(String location, String type, String password) {
			return List.of("checkout.mtls.pem.certificate=", "checkout.mtls.pem.private-key=",
					"checkout.mtls.keystore.location=" + location, "checkout.mtls.keystore.type=" + type,
					"checkout.mtls.keystore.password=" + password);
		}

		private static Path jks(TestPkiFiles files, Path directory) throws Exception {
			char[] password = files.pkcs12Password().toCharArray();
			KeyStore pkcs12 = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(files.pkcs12())) {
				pkcs12.load(in, password);
			}
			KeyStore jks = KeyStore.getInstance("JKS");
			jks.load(null, null);
			String alias = pkcs12.aliases().nextElement();
			jks.setKeyEntry(alias, pkcs12.getKey(alias, password), password, pkcs12.getCertificateChain(alias));
			Path file = directory.resolve("keystore.jks");
			try (OutputStream out = Files.newOutputStream(file)) {
				jks.store(out, password);
			}
			return file;
		}

		private static List<String> keyLines(Path pem) throws Exception {
			return Files.readString(pem).lines().filter((line) -> !line.startsWith("-----")).toList();
		}

		private static void openssl(String... arguments) throws Exception {
			List<String> command = new ArrayList<>(List.of("openssl"));
			command.addAll(List.of(arguments));
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as(out).isZero();
		}

	}

}
