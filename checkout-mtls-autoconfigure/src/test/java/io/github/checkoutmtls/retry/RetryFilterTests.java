package io.github.checkoutmtls.retry;

import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import io.github.checkoutmtls.TestContexts;
import io.github.checkoutmtls.diagnostics.CheckoutMtlsHandshakeException;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.HandshakeRejection;
import io.github.checkoutmtls.test.simulator.RecordedExchange;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RetryFilter}: faults injected by the simulator, through {@code checkoutWebClient}.
 */
class RetryFilterTests {

	private static final Map<String, Object> PAYMENT = Map.of("amount", 1000, "currency", "EUR", "reference", "o-1", "source",
			Map.of("type", "token", "token", "tok_test"));

	@TempDir
	Path directory;

	private final TestPki pki = TestPki.builder().build();

	private CheckoutMtlsSimulator simulator;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void start() {
		startSimulator(HandshakeRejection.RESET);
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void postWhenResponseIsLostAfterProcessingIsRetriedWithTheSameKeyAndPaysOnce() {
		this.simulator.faults().on("POST", "/payments").times(1).resetAfterProcessing();
		this.contextRunner.run((context) -> {
			assertThat(post(client(context)).block(Duration.ofSeconds(20))).isNotNull();
			assertThat(this.simulator.payments().count()).isOne();
			assertThat(this.simulator.exchanges()).hasSize(2)
				.extracting(RecordedExchange::replayed)
				.containsExactly(false, true);
			assertThat(this.simulator.exchanges()).extracting(RecordedExchange::idempotencyKey)
				.doesNotContainNull()
				.containsOnly(this.simulator.exchanges().get(0).idempotencyKey());
		});
	}

	@Test
	void postWithoutKeyWhenResponseIsLostAfterProcessingIsNotRetried() {
		this.simulator.faults().on("POST", "/payments").times(1).resetAfterProcessing();
		this.contextRunner.withPropertyValues("checkout.mtls.idempotency.auto-generate=false").run((context) -> {
			assertThatExceptionOfType(WebClientRequestException.class)
				.isThrownBy(() -> post(client(context)).block(Duration.ofSeconds(20)));
			assertThat(this.simulator.exchanges()).singleElement()
				.satisfies((exchange) -> assertThat(exchange.idempotencyKey()).isNull());
			assertThat(this.simulator.payments().count()).isOne();
		});
	}

	@Test
	void postWithoutKeyWhenServiceIsUnavailableIsNotRetried() {
		this.simulator.faults().on("POST", "/payments").times(1).status(503);
		this.contextRunner.withPropertyValues("checkout.mtls.idempotency.auto-generate=false").run((context) -> {
			assertThatExceptionOfType(WebClientResponseException.ServiceUnavailable.class)
				.isThrownBy(() -> post(client(context)).block(Duration.ofSeconds(20)));
			assertThat(this.simulator.exchanges()).hasSize(1);
		});
	}

	@Test
	void getWhenGatewayFailsTwiceSucceedsOnTheThirdAttempt() {
		this.simulator.faults().on("GET", "/workflows").times(1).status(502);
		this.simulator.faults().on("GET", "/workflows").times(1).status(504);
		this.contextRunner.run((context) -> {
			assertThat(workflows(client(context)).block(Duration.ofSeconds(20))).contains("data");
			assertThat(this.simulator.exchanges()).extracting(RecordedExchange::status).containsExactly(502, 504, 200);
		});
	}

	@Test
	void getWhenConnectionIsResetIsRetried() {
		this.simulator.faults().on("GET", "/workflows").times(1).resetAfterProcessing();
		this.contextRunner.run((context) -> {
			assertThat(workflows(client(context)).block(Duration.ofSeconds(20))).contains("data");
			assertThat(this.simulator.exchanges()).hasSize(2);
		});
	}

	@Test
	void requestWhenFailuresOutlastMaxAttemptsGivesTheLastResponse() {
		this.simulator.faults().on("GET", "/workflows").status(503);
		this.contextRunner.withPropertyValues("checkout.mtls.retry.max-attempts=4").run((context) -> {
			assertThatExceptionOfType(WebClientResponseException.ServiceUnavailable.class)
				.isThrownBy(() -> workflows(client(context)).block(Duration.ofSeconds(20)));
			assertThat(this.simulator.exchanges()).hasSize(4);
			// The connection goes back to the pool just after the caller sees the error.
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(context.getBean(io.github.checkoutmtls.connector.CheckoutMtlsConnector.class)
					.poolUsage()
					.activeConnections()).isZero());
		});
	}

	@Test
	void requestWhenRateLimitedRetriesAfterRetryAfter() {
		this.simulator.faults().on("GET", "/workflows").times(1).rateLimit(1);
		this.contextRunner.run((context) -> {
			assertThat(workflows(client(context)).block(Duration.ofSeconds(20))).contains("data");
			assertThat(this.simulator.exchanges()).extracting(RecordedExchange::status).containsExactly(429, 200);
		});
	}

	@Test
	void requestWhenRetryAfterIsBeyondTheDeadlineGivesThe429() {
		this.simulator.faults().on("GET", "/workflows").times(1).rateLimit(120);
		this.contextRunner.run((context) -> {
			assertThatExceptionOfType(WebClientResponseException.TooManyRequests.class)
				.isThrownBy(() -> workflows(client(context)).block(Duration.ofSeconds(20)));
			assertThat(this.simulator.exchanges()).hasSize(1);
		});
	}

	@Test
	void requestWhenRetryIsDisabledIsSentOnce() {
		this.simulator.faults().on("GET", "/workflows").times(1).status(503);
		this.contextRunner.withPropertyValues("checkout.mtls.retry.enabled=false").run((context) -> {
			assertThatExceptionOfType(WebClientResponseException.ServiceUnavailable.class)
				.isThrownBy(() -> workflows(client(context)).block(Duration.ofSeconds(20)));
			assertThat(this.simulator.exchanges()).hasSize(1);
		});
	}

	@Test
	void requestWhenHandshakeIsRefusedWithAnAlertIsNotRetried() {
		this.simulator.close();
		startSimulator(HandshakeRejection.ALERT);
		this.simulator.faults().rejectHandshakes();
		this.contextRunner.run((context) -> {
			assertThatExceptionOfType(CheckoutMtlsHandshakeException.class)
				.isThrownBy(() -> workflows(client(context)).block(Duration.ofSeconds(20)));
			assertThat(this.simulator.handshakeRejections()).hasSize(1);
		});
	}

	@Test
	void requestWhenConnectionIsRefusedIsRetriedWhateverItsMethod() {
		AtomicInteger attempts = new AtomicInteger();
		ExchangeFunction refusing = (request) -> {
			attempts.incrementAndGet();
			return Mono.error(new WebClientRequestException(new ConnectException("Connection refused"),
					request.method(), request.url(), HttpHeaders.EMPTY));
		};
		RetryFilter filter = new RetryFilter(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2),
				Duration.ofSeconds(10)), Clock.systemUTC());
		ClientRequest post = ClientRequest.create(HttpMethod.POST, URI.create("https://localhost/payments")).build();
		Mono<ClientResponse> response = filter.filter(post, refusing);
		assertThatExceptionOfType(WebClientRequestException.class).isThrownBy(() -> response.block(Duration.ofSeconds(10)));
		assertThat(attempts).hasValue(3);
	}

	private void startSimulator(HandshakeRejection rejection) {
		this.simulator = CheckoutMtlsSimulator.builder()
			.trustedRoots(this.pki.root().certificate())
			.handshakeRejection(rejection)
			.start();
		this.contextRunner = TestContexts.contextRunner()
			.withPropertyValues(TestContexts.simulator(this.pki.writeTo(this.directory.resolve(rejection.name())),
					this.simulator))
			.withPropertyValues("checkout.mtls.retry.initial-backoff=10ms", "checkout.mtls.retry.max-backoff=50ms");
	}

	private static WebClient client(AssertableApplicationContext context) {
		return context.getBean("checkoutWebClient", WebClient.class);
	}

	private static Mono<String> post(WebClient client) {
		return client.post().uri("/payments").bodyValue(PAYMENT).retrieve().bodyToMono(String.class);
	}

	private static Mono<String> workflows(WebClient client) {
		return client.get().uri("/workflows").retrieve().bodyToMono(String.class);
	}

}
