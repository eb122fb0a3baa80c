package io.github.checkoutmtls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.pki.TestPkiFiles;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.IssuedToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run through every path (startup, a startup failure, token fetch, a 401 and its fresh token, retries)
 * logs, at DEBUG, no private key, password, client secret or bearer token.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretLoggingTests {

	private static final String CLIENT_SECRET = "Logged-Client-Secret-e4b1";

	private static final String WRONG_PASSWORD = "Logged-Wrong-Password-0c7d";

	@TempDir
	Path directory;

	private final TestPki pki = TestPki.builder().build();

	private final Logger logger = (Logger) LoggerFactory.getLogger("io.github.checkoutmtls");

	private Level level;

	private CheckoutMtlsSimulator simulator;

	@BeforeEach
	void debug() {
		this.level = this.logger.getLevel();
		this.logger.setLevel(Level.DEBUG);
	}

	@AfterEach
	void restore() {
		this.logger.setLevel(this.level);
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

	@Test
	void everyPathLogsNoSecret(CapturedOutput output) throws Exception {
		this.simulator = CheckoutMtlsSimulator.builder()
			.trustedRoots(this.pki.root().certificate())
			.client("client-1", CLIENT_SECRET)
			.requireToken(true)
			.start();
		TestPkiFiles files = this.pki.writeTo(this.directory);
		contextRunner(files).withPropertyValues("checkout.mtls.keystore.password=" + WRONG_PASSWORD)
			.run((context) -> assertThat(context).hasFailed());
		contextRunner(files).run((context) -> {
			assertThat(context).hasNotFailed();
			this.simulator.faults().on("POST", "/payments").times(1).status(503);
			assertThat(payment(context)).isNotNull();
			this.simulator.revokeAllTokens();
			assertThat(workflows(context)).contains("data");
		});
		assertThat(this.simulator.tokenRequests()).isEqualTo(2);
		assertThat(output.getAll()).contains("Checkout mTLS client ready").contains("Sending POST /payments again");
		for (String secret : secrets(files)) {
			assertThat(output.getAll()).doesNotContain(secret);
		}
	}

	private ApplicationContextRunner contextRunner(TestPkiFiles files) {
		String[] simulator = TestContexts.simulator(files, this.simulator);
		return TestContexts.contextRunner()
			.withPropertyValues(simulator)
			.withPropertyValues("checkout.mtls.keystore.certificate=", "checkout.mtls.keystore.private-key=",
					"checkout.mtls.keystore.location=file:" + files.pkcs12(),
					"checkout.mtls.keystore.password=" + files.pkcs12Password(), "checkout.mtls.auth-mode=jwt",
					"checkout.mtls.jwt.client-id=client-1", "checkout.mtls.jwt.client-secret=" + CLIENT_SECRET,
					"checkout.mtls.retry.initial-backoff=10ms");
	}

	private List<String> secrets(TestPkiFiles files) throws Exception {
		List<String> secrets = new ArrayList<>(List.of(CLIENT_SECRET, WRONG_PASSWORD, files.pkcs12Password()));
		Files.readString(files.privateKey())
			.lines()
			.filter((line) -> !line.startsWith("-----"))
			.forEach(secrets::add);
		for (IssuedToken token : this.simulator.issuedTokens()) {
			secrets.add(token.token());
			secrets.add(token.token().substring(token.token().lastIndexOf('.') + 1));
		}
		assertThat(this.simulator.issuedTokens()).hasSize(2);
		return secrets;
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
		return client(context).get().uri("/workflows").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(20));
	}

	private static WebClient client(AssertableApplicationContext context) {
		return context.getBean("checkoutWebClient", WebClient.class);
	}

}
