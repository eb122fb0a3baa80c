package io.github.checkoutmtls.test.simulator;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorExtension;
import io.github.checkoutmtls.test.junit.SimulatorFixture;
import io.github.checkoutmtls.test.simulator.MtlsTestClient.Response;
import io.github.checkoutmtls.test.simulator.RecordedExchange.Handling;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the fault injection of {@link CheckoutMtlsSimulator},
 * {@link SimulatorFaults}.
 */
class CheckoutMtlsSimulatorFaultsTests {

	private static final String PAYMENT = CheckoutMtlsSimulatorApiTests.payment(1000);

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	static final CheckoutMtlsSimulatorExtension checkout = SimulatorFixture.builder().perClass();

	private static CheckoutMtlsSimulator simulator;

	private static MtlsTestClient client;

	// The fixture clears faults and records before each test
	@BeforeEach
	void reset() {
		simulator = checkout.simulator();
		client = MtlsTestClient.of(checkout.pki(), simulator);
		simulator.payments().clear();
	}

	@Test
	void latencyDelaysTheResponseAndTheExchangeIsRecordedOnArrival() {
		simulator.faults().on("GET", "/workflows").times(1).latency(Duration.ofSeconds(1));
		long start = System.nanoTime();
		Mono<Response> response = client.request(HttpMethod.GET, workflows(), null, Map.of()).cache();
		response.subscribe();
		// Recorded and its fault noted at once, while the answer is still a second away
		await().atMost(MtlsTestClient.TIMEOUT)
			.untilAsserted(() -> assertThat(simulator.exchanges()).singleElement().satisfies((exchange) -> {
				assertThat(exchange.fault()).isEqualTo("latency PT1S");
				assertThat(exchange.handling()).isEqualTo(Handling.RECEIVED);
				assertThat(exchange.status()).isZero();
				assertThat(exchange.responseSent()).isFalse();
			}));
		assertThat(response.block(MtlsTestClient.TIMEOUT).status()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(simulator.exchanges()).singleElement().satisfies((exchange) -> {
			assertThat(exchange.handling()).isEqualTo(Handling.PROCESSED);
			assertThat(exchange.status()).isEqualTo(200);
			assertThat(exchange.responseSent()).isTrue();
		});
	}

	@Test
	void statusForNTimesAnswersThatOftenWithoutProcessing() {
		simulator.faults().on("POST", "/payments").times(2).status(500);
		Response first = post();
		assertThat(first.status()).isEqualTo(500);
		assertThat(first.body()).isEmpty();
		assertThat(first.header("Cko-Request-Id")).matches(MtlsTestClient.UUID);
		assertThat(post().status()).isEqualTo(500);
		assertThat(simulator.payments().count()).isZero();
		assertThat(post().status()).isEqualTo(201);
		assertThat(simulator.exchanges()).extracting(RecordedExchange::fault)
			.containsExactly("status 500", "status 500", null);
	}

	@Test
	void statusWithoutTimesLastsUntilCleared() {
		simulator.faults().on("POST", "/payments").status(503);
		assertThat(post().status()).isEqualTo(503);
		assertThat(post().status()).isEqualTo(503);
		simulator.faults().clear();
		assertThat(post().status()).isEqualTo(201);
	}

	@Test
	void faultAppliesOnlyToItsMethodAndPathTemplate() {
		simulator.addPayment("pay_one", "Authorized", 100, "EUR");
		simulator.faults().on("*", "/payments/{id}/captures").status(502);
		assertThat(client.get(simulator.apiBaseUrl() + "/payments/pay_one").status()).isEqualTo(200);
		assertThat(client.post(simulator.apiBaseUrl() + "/payments/pay_one/captures", "").status()).isEqualTo(502);
		assertThat(client.post(simulator.apiBaseUrl() + "/payments/pay_two/captures", "").status()).isEqualTo(502);
	}

	@Test
	void rateLimitAnswers429WithoutRetryAfterAsCheckoutDocumentsNone() {
		simulator.faults().on("POST", "/payments").times(1).rateLimit();
		Response response = post();
		assertThat(response.status()).isEqualTo(429);
		assertThat(response.header("Retry-After")).isNull();
		assertThat(response.body()).isEmpty();
		assertThat(simulator.payments().count()).isZero();
		assertThat(simulator.processedRequests("POST", "/payments")).isZero();
		assertThat(simulator.exchanges()).singleElement().satisfies((exchange) -> {
			assertThat(exchange.fault()).isEqualTo("rate limit");
			assertThat(exchange.handling()).isEqualTo(Handling.REFUSED);
		});
	}

	@Test
	void rateLimitWithRetryAfterSendsWholeSecondsRoundedUp() {
		simulator.faults().on("POST", "/payments").times(1).rateLimit(Duration.ofMillis(1500));
		simulator.faults().on("POST", "/payments").times(1).rateLimit(3);
		assertThat(post().header("Retry-After")).isEqualTo("2");
		assertThat(post().header("Retry-After")).isEqualTo("3");
	}

	@Test
	void resetAfterProcessingCreatesThePaymentButSendsNoResponse() {
		simulator.faults().on("POST", "/payments").times(1).resetAfterProcessing();
		Map<String, String> headers = Map.of("Content-Type", "application/json", "Cko-Idempotency-Key", "key-1");
		Throwable failure = client.request(HttpMethod.POST, simulator.apiBaseUrl() + "/payments", PAYMENT, headers)
			.then(Mono.<Throwable>empty())
			.onErrorResume(Mono::just)
			.block(MtlsTestClient.TIMEOUT);
		assertThat(failure).isInstanceOf(IOException.class);
		assertThat(simulator.payments().count()).isEqualTo(1);
		assertThat(simulator.exchanges()).singleElement().satisfies((exchange) -> {
			assertThat(exchange.fault()).isEqualTo("reset after processing");
			assertThat(exchange.status()).isEqualTo(201);
		});
		Response retry = client.exchange(HttpMethod.POST, simulator.apiBaseUrl() + "/payments", PAYMENT, headers);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(json.readTree(retry.body()).get("id").stringValue())
			.isEqualTo(simulator.payments().all().get(0).id());
		assertThat(simulator.exchanges()).extracting(RecordedExchange::handling, RecordedExchange::responseSent)
			.containsExactly(tuple(Handling.PROCESSED, false), tuple(Handling.REPLAYED, true));
		assertThat(simulator.processedRequests("POST", "/payments")).isOne();
	}

	@Test
	void resetBeforeProcessingReadsTheRequestAndProcessesNothing() {
		simulator.faults().on("POST", "/payments").times(1).resetBeforeProcessing();
		Map<String, String> headers = Map.of("Content-Type", "application/json", "Cko-Idempotency-Key", "key-2");
		assertThat(failure(PAYMENT, headers)).isInstanceOf(IOException.class);
		assertThat(simulator.payments().count()).isZero();
		assertThat(simulator.processedRequests("*", "/payments")).isZero();
		assertThat(simulator.exchanges()).singleElement().satisfies((exchange) -> {
			assertThat(exchange.body()).isEqualTo(PAYMENT);
			assertThat(exchange.fault()).isEqualTo("reset before processing");
			assertThat(exchange.handling()).isEqualTo(Handling.REFUSED);
			assertThat(exchange.status()).isZero();
			assertThat(exchange.responseSent()).isFalse();
		});
		Response retry = client.exchange(HttpMethod.POST, simulator.apiBaseUrl() + "/payments", PAYMENT, headers);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(simulator.exchanges().get(1).handling()).isEqualTo(Handling.PROCESSED);
	}

	@Test
	void resetWhileProcessingGivesSameKeyRepeatsTheConcurrentAnswerThenReplaysTheStoredOne() {
		simulator.faults().on("POST", "/payments").times(1).resetWhileProcessing(Duration.ofSeconds(2));
		Map<String, String> headers = Map.of("Content-Type", "application/json", "Cko-Idempotency-Key", "key-3");
		assertThat(failure(PAYMENT, headers)).isInstanceOf(IOException.class);
		assertThat(simulator.exchanges()).singleElement()
			.satisfies((exchange) -> assertThat(exchange.handling()).isEqualTo(Handling.RECEIVED));
		Response meanwhile = client.exchange(HttpMethod.POST, simulator.apiBaseUrl() + "/payments", PAYMENT, headers);
		assertThat(meanwhile.status()).isEqualTo(429);
		assertThat(simulator.payments().count()).isZero();
		await().atMost(MtlsTestClient.TIMEOUT).until(() -> simulator.processedRequests("POST", "/payments") == 1);
		assertThat(simulator.payments().count()).isOne();
		Response afterwards = client.exchange(HttpMethod.POST, simulator.apiBaseUrl() + "/payments", PAYMENT, headers);
		assertThat(afterwards.status()).isEqualTo(201);
		assertThat(simulator.exchanges()).extracting(RecordedExchange::handling)
			.containsExactly(Handling.PROCESSED, Handling.CONCURRENT_DUPLICATE, Handling.REPLAYED);
		assertThat(simulator.exchanges().get(0).status()).isEqualTo(201);
		assertThat(simulator.payments().count()).isOne();
	}

	@Test
	void faultsApplyToStubbedRoutes() {
		simulator.stubs().on("GET", "/customers/{id}").respond(200, "{\"id\": \"cus_1\"}");
		simulator.faults().on("GET", "/customers/{id}").times(1).status(502);
		assertThat(client.get(simulator.apiBaseUrl() + "/customers/cus_1").status()).isEqualTo(502);
		assertThat(client.get(simulator.apiBaseUrl() + "/customers/cus_1").status()).isEqualTo(200);
		assertThat(simulator.processedRequests("GET", "/customers/{id}")).isOne();
		simulator.stubs().clear();
	}

	@Test
	void rejectHandshakesRejectsTheNextNewConnectionsOnly() {
		simulator.faults().rejectHandshakes(1);
		Throwable failure = client.failure(workflows());
		assertThat(failure).isInstanceOf(IOException.class).hasMessageContaining("Connection reset");
		await().atMost(Duration.ofSeconds(5)).until(() -> !simulator.handshakeRejections().isEmpty());
		assertThat(simulator.handshakeRejections()).singleElement()
			.satisfies((rejection) -> assertThat(rejection.reason()).isEqualTo("injected fault: handshake rejected"));
		assertThat(client.get(workflows()).status()).isEqualTo(200);
	}

	@Test
	void rejectHandshakesWithoutCountLastsUntilCleared() {
		simulator.faults().rejectHandshakes();
		client.failure(workflows());
		client.failure(workflows());
		simulator.faults().clear();
		assertThat(client.get(workflows()).status()).isEqualTo(200);
		assertThat(simulator.exchanges()).hasSize(1);
	}

	private static Throwable failure(String body, Map<String, String> headers) {
		return client.request(HttpMethod.POST, simulator.apiBaseUrl() + "/payments", body, headers)
			.then(Mono.<Throwable>empty())
			.onErrorResume(Mono::just)
			.block(MtlsTestClient.TIMEOUT);
	}

	private static Response post() {
		return client.post(simulator.apiBaseUrl() + "/payments", PAYMENT);
	}

	private static String workflows() {
		return simulator.apiBaseUrl() + "/workflows";
	}

}
