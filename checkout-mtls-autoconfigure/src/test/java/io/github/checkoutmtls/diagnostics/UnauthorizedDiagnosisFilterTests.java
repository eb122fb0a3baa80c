package io.github.checkoutmtls.diagnostics;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.TestContexts;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UnauthorizedDiagnosisFilter}: the simulator answers 401 when the leaf's CN is not
 * the registered one, as Checkout does.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnauthorizedDiagnosisFilterTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = TestContexts.contextRunner();

	private final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	private CheckoutMtlsSimulator simulator;

	@BeforeEach
	void start() {
		this.simulator = CheckoutMtlsSimulator.builder()
			.trustedRoots(this.pki.root().certificate())
			.registeredCommonName("merchant.registered")
			.start();
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void responseWhenCommonNameIsNotRegisteredReachesCallerAndLogsOneWarning(CapturedOutput output) {
		this.contextRunner.withPropertyValues(TestContexts.simulator(this.pki.writeTo(this.directory), this.simulator))
			.run((context) -> {
				WebClient client = context.getBean("checkoutWebClient", WebClient.class);
				for (int i = 0; i < 3; i++) {
					ResponseEntity<Void> response = client.get()
						.uri("/payments/pay_1")
						.retrieve()
						.onStatus((status) -> true, (ignored) -> reactor.core.publisher.Mono.empty())
						.toBodilessEntity()
						.block(Duration.ofSeconds(10));
					assertThat(response.getStatusCode().value()).isEqualTo(401);
					assertThat(response.getHeaders().getFirst("Cko-Request-Id")).isNotBlank();
				}
			});
		String log = output.getAll();
		assertThat(log).contains("Checkout answered 401 Unauthorized to GET /payments/pay_1")
			.contains("the leaf's CN 'merchant.internal' does not match the CN registered during onboarding");
		assertThat(log.split("Checkout answered 401", -1)).hasSize(2);
	}

}
