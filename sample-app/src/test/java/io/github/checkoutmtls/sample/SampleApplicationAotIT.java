package io.github.checkoutmtls.sample;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.RecordedExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The sample gateway started from its AOT-processed context on the JVM
 * ({@code -Dspring.aot.enabled=true}), in the auth mode the build processed it for, makes
 * a payment against the embedded simulator, and started in the other mode fails with the
 * starter's own message, naming the build. Run by failsafe once per mode, after
 * {@code process-aot}.
 */
class SampleApplicationAotIT {

	@Test
	void aotProcessedContextMakesAPaymentAgainstTheEmbeddedSimulator() {
		String mode = System.getProperty("sample.aot.auth-mode");
		assertThat(AotDetector.useGeneratedArtifacts()).as("spring.aot.enabled").isTrue();
		assertThat(mode).isIn("certificate", "jwt");
		SpringApplication application = new SpringApplication(SampleApplication.class);
		// The AOT initializer is looked up by the main class's name, which is not this
		// test's launcher.
		application.setMainApplicationClass(SampleApplication.class);
		try (ConfigurableApplicationContext context = application.run("--server.port=0", "--sample.demo-payment=false",
				"--checkout.mtls.auth-mode=" + mode)) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpStatus status = (HttpStatus) RestClient.create("http://localhost:" + port)
				.post()
				.uri("/demo/payments")
				.body(Map.of("amount", 1999, "currency", "EUR", "reference", "order-aot-" + mode, "source",
						Map.of("type", "token", "token", "tok_aot")))
				.retrieve()
				.toBodilessEntity()
				.getStatusCode();
			assertThat(status).isEqualTo(HttpStatus.CREATED);
			CheckoutMtlsSimulator simulator = context.getBean(CheckoutMtlsSimulator.class);
			assertThat(simulator.exchanges()).filteredOn((exchange) -> exchange.path().startsWith("/payments"))
				.isNotEmpty()
				.allSatisfy((exchange) -> assertThat(exchange.bearerToken() != null).isEqualTo(mode.equals("jwt")))
				.extracting(RecordedExchange::status)
				.contains(201);
		}
	}

	@Test
	void aotProcessedContextStartedInTheOtherAuthModeFailsNamingTheBuild() {
		String mode = System.getProperty("sample.aot.auth-mode");
		String other = mode.equals("jwt") ? "certificate" : "jwt";
		SpringApplication application = new SpringApplication(SampleApplication.class);
		application.setMainApplicationClass(SampleApplication.class);
		Throwable failure = catchThrowable(() -> application
			.run("--server.port=0", "--sample.demo-payment=false", "--checkout.mtls.auth-mode=" + other)
			.close());
		assertThat(failure).as("the start in %s mode", other).isNotNull();
		CheckoutMtlsConfigurationException cause = rootCause(failure);
		assertThat(cause).hasMessageContaining(other + " mode is not in this AOT-processed application")
			.hasMessageContaining("[checkout.mtls.auth-mode=" + other + "]");
		assertThat(cause.getAction()).contains("when process-aot runs");
	}

	private static CheckoutMtlsConfigurationException rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		assertThat(cause).isInstanceOf(CheckoutMtlsConfigurationException.class);
		return (CheckoutMtlsConfigurationException) cause;
	}

}
