package io.github.checkoutmtls.test.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.MtlsTestClient.Response;
import io.github.checkoutmtls.test.simulator.RecordedExchange.Handling;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code Cko-Idempotency-Key} handling of {@link CheckoutMtlsSimulator}, as
 * Checkout's "Idempotency" page describes it.
 */
class CheckoutMtlsSimulatorIdempotencyTests {

	private static final String PAYMENT = CheckoutMtlsSimulatorApiTests.payment(1000);

	private static final MutableClock clock = new MutableClock();

	private static TestPki pki;

	private static CheckoutMtlsSimulator simulator;

	private static MtlsTestClient client;

	private final String key = UUID.randomUUID().toString();

	@BeforeAll
	static void start() {
		pki = TestPki.builder().build();
		simulator = CheckoutMtlsSimulator.builder().trustedRoots(pki.root().certificate()).clock(clock).start();
		client = MtlsTestClient.of(pki, simulator);
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	@BeforeEach
	void reset() {
		simulator.payments().clear();
		simulator.faults().clear();
		simulator.stubs().clear();
		simulator.clearRecords();
	}

	@Test
	void sameKeyReplaysTheStoredStatusAndBodyWithoutAReplayHeader() {
		Response first = post("/payments", PAYMENT);
		Response second = post("/payments", PAYMENT);
		assertThat(first.status()).isEqualTo(201);
		assertThat(second.status()).isEqualTo(201);
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(second.headers().names()).containsExactlyInAnyOrderElementsOf(first.headers().names());
		assertThat(second.header("Cko-Request-Id")).matches(MtlsTestClient.UUID)
			.isNotEqualTo(first.header("Cko-Request-Id"));
		assertThat(simulator.payments().count()).isEqualTo(1);
		assertThat(simulator.processedRequests("POST", "/payments")).isEqualTo(1);
		assertThat(simulator.exchanges()).extracting(RecordedExchange::handling)
			.containsExactly(Handling.PROCESSED, Handling.REPLAYED);
		assertThat(simulator.exchanges()).extracting(RecordedExchange::idempotencyKey).containsOnly(this.key);
	}

	@Test
	void answerOtherThan2xxIsNotStoredSoTheRepeatIsProcessedAgain() {
		Response invalid = post("/payments", "{\"amount\": 1000, \"currency\": \"EUR\"}");
		assertThat(invalid.status()).isEqualTo(422);
		assertThat(post("/payments", PAYMENT).status()).isEqualTo(201);
		simulator.stubs().on("POST", "/transfers").respond(500);
		String transferKey = UUID.randomUUID().toString();
		assertThat(request("/transfers", "{}", transferKey).block(MtlsTestClient.TIMEOUT).status()).isEqualTo(500);
		assertThat(request("/transfers", "{}", transferKey).block(MtlsTestClient.TIMEOUT).status()).isEqualTo(500);
		assertThat(simulator.processedRequests("POST", "/payments")).isEqualTo(2);
		assertThat(simulator.processedRequests("POST", "/transfers")).isEqualTo(2);
		assertThat(simulator.payments().count()).isEqualTo(1);
	}

	@Test
	void keyIsIgnoredOnEndpointsCheckoutDoesNotListSoEachRequestIsProcessed() {
		simulator.stubs().on("POST", "/customers").respond(201, "{\"id\": \"cus_1\"}");
		assertThat(post("/customers", "{}").status()).isEqualTo(201);
		assertThat(post("/customers", "{}").status()).isEqualTo(201);
		assertThat(simulator.processedRequests("POST", "/customers")).isEqualTo(2);
		assertThat(simulator.exchanges()).extracting(RecordedExchange::handling).containsOnly(Handling.PROCESSED);
	}

	@Test
	void keyIsHonouredOnEveryDocumentedEndpoint() {
		simulator.addPayment("pay_a", Payment.AUTHORIZED, 1000, "EUR");
		for (String path : new String[] { "/payments/pay_a/authorizations", "/payments/pay_a/cancellations",
				"/payment-contexts", "/transfers" }) {
			simulator.stubs().on("POST", path).respond(202, "{}");
			String pathKey = UUID.randomUUID().toString();
			request(path, "{}", pathKey).block(MtlsTestClient.TIMEOUT);
			request(path, "{}", pathKey).block(MtlsTestClient.TIMEOUT);
			assertThat(simulator.processedRequests("POST", path)).as(path).isEqualTo(1);
		}
		String captureKey = UUID.randomUUID().toString();
		request("/payments/pay_a/captures", "", captureKey).block(MtlsTestClient.TIMEOUT);
		assertThat(request("/payments/pay_a/captures", "", captureKey).block(MtlsTestClient.TIMEOUT).status())
			.isEqualTo(202);
		assertThat(simulator.processedRequests("POST", "/payments/{id}/captures")).isEqualTo(1);
	}

	@Test
	void storedAnswerExpiresAfterTheKeyLifetimeOn24HoursByDefault() {
		post("/payments", PAYMENT);
		clock.advance(Duration.ofHours(24).minusSeconds(1));
		post("/payments", PAYMENT);
		assertThat(simulator.payments().count()).isEqualTo(1);
		clock.advance(Duration.ofSeconds(1));
		post("/payments", PAYMENT);
		assertThat(simulator.payments().count()).isEqualTo(2);
	}

	@Test
	void keyLifetimeCanBeShortened() {
		try (CheckoutMtlsSimulator shortLived = CheckoutMtlsSimulator.builder()
			.trustedRoots(pki.root().certificate())
			.clock(clock)
			.idempotencyKeyLifetime(Duration.ofSeconds(120))
			.start()) {
			MtlsTestClient other = MtlsTestClient.of(pki, shortLived);
			Map<String, String> headers = Map.of("Content-Type", "application/json", "Cko-Idempotency-Key", this.key);
			other.exchange(HttpMethod.POST, shortLived.apiBaseUrl() + "/payments", PAYMENT, headers);
			clock.advance(Duration.ofSeconds(120));
			other.exchange(HttpMethod.POST, shortLived.apiBaseUrl() + "/payments", PAYMENT, headers);
			assertThat(shortLived.payments().count()).isEqualTo(2);
		}
	}

	@Test
	void sameKeyWhileTheFirstIsProcessedGets429WithoutBodyByDefault() {
		simulator.faults().on("POST", "/payments").times(1).latency(Duration.ofMillis(500));
		Response[] responses = concurrently(simulator);
		assertThat(responses).extracting(Response::status).containsExactlyInAnyOrder(201, 429);
		Response duplicate = (responses[0].status() == 429) ? responses[0] : responses[1];
		assertThat(duplicate.body()).isEmpty();
		assertThat(duplicate.header("Retry-After")).isNull();
		assertThat(simulator.processedRequests("POST", "/payments")).isEqualTo(1);
		assertThat(simulator.exchanges()).extracting(RecordedExchange::handling)
			.containsExactlyInAnyOrder(Handling.PROCESSED, Handling.CONCURRENT_DUPLICATE);
		assertThat(post("/payments", PAYMENT).status()).isEqualTo(201);
		assertThat(simulator.payments().count()).isEqualTo(1);
	}

	@Test
	void concurrentDuplicateStatusCanBe409() {
		try (CheckoutMtlsSimulator other = CheckoutMtlsSimulator.builder()
			.trustedRoots(pki.root().certificate())
			.concurrentDuplicateStatus(409)
			.start()) {
			other.faults().on("POST", "/payments").times(1).latency(Duration.ofMillis(500));
			assertThat(concurrently(other)).extracting(Response::status).containsExactlyInAnyOrder(201, 409);
		}
	}

	@Test
	void sameKeyWithAnotherBodyReplaysByDefault() {
		Response first = post("/payments", PAYMENT);
		Response other = post("/payments", CheckoutMtlsSimulatorApiTests.payment(2000));
		assertThat(other.status()).isEqualTo(201);
		assertThat(other.body()).isEqualTo(first.body());
		assertThat(simulator.payments().count()).isEqualTo(1);
	}

	@Test
	void sameKeyWithAnotherBodyIs422WhenRejectIsChosen() {
		try (CheckoutMtlsSimulator strict = CheckoutMtlsSimulator.builder()
			.trustedRoots(pki.root().certificate())
			.idempotencyKeyReuse(IdempotencyKeyReuse.REJECT)
			.start()) {
			MtlsTestClient other = MtlsTestClient.of(pki, strict);
			Map<String, String> headers = Map.of("Content-Type", "application/json", "Cko-Idempotency-Key", this.key);
			other.exchange(HttpMethod.POST, strict.apiBaseUrl() + "/payments", PAYMENT, headers);
			Response reused = other.exchange(HttpMethod.POST, strict.apiBaseUrl() + "/payments",
					CheckoutMtlsSimulatorApiTests.payment(2000), headers);
			assertThat(reused.status()).isEqualTo(422);
			assertThat(CheckoutMtlsSimulatorApiTests.errorCodes(reused)).containsExactly("idempotency_key_reused");
			assertThat(strict.payments().count()).isEqualTo(1);
		}
	}

	@Test
	void idempotentEndpointsCanBeReplaced() {
		try (CheckoutMtlsSimulator other = CheckoutMtlsSimulator.builder()
			.trustedRoots(pki.root().certificate())
			.idempotentEndpoints("/customers")
			.start()) {
			MtlsTestClient otherClient = MtlsTestClient.of(pki, other);
			other.stubs().on("POST", "/customers").respond(201, "{}");
			Map<String, String> headers = Map.of("Content-Type", "application/json", "Cko-Idempotency-Key", this.key);
			for (int i = 0; i < 2; i++) {
				otherClient.exchange(HttpMethod.POST, other.apiBaseUrl() + "/customers", "{}", headers);
				otherClient.exchange(HttpMethod.POST, other.apiBaseUrl() + "/payments", PAYMENT, headers);
			}
			assertThat(other.processedRequests("POST", "/customers")).isEqualTo(1);
			assertThat(other.payments().count()).isEqualTo(2);
		}
	}

	@Test
	void requestsWithoutKeyAreEachProcessed() {
		client.post(simulator.apiBaseUrl() + "/payments", PAYMENT);
		client.post(simulator.apiBaseUrl() + "/payments", PAYMENT);
		assertThat(simulator.payments().count()).isEqualTo(2);
	}

	private Response[] concurrently(CheckoutMtlsSimulator target) {
		MtlsTestClient targetClient = MtlsTestClient.of(pki, target);
		Map<String, String> headers = Map.of("Content-Type", "application/json", "Cko-Idempotency-Key", this.key);
		String url = target.apiBaseUrl() + "/payments";
		return Mono
			.zip(targetClient.request(HttpMethod.POST, url, PAYMENT, headers),
					targetClient.request(HttpMethod.POST, url, PAYMENT, headers))
			.map((pair) -> new Response[] { pair.getT1(), pair.getT2() })
			.block(MtlsTestClient.TIMEOUT);
	}

	private Response post(String path, String body) {
		return request(path, body, this.key).block(MtlsTestClient.TIMEOUT);
	}

	private static Mono<Response> request(String path, String body, String key) {
		return client.request(HttpMethod.POST, simulator.apiBaseUrl() + path, body,
				Map.of("Content-Type", "application/json", "Cko-Idempotency-Key", key));
	}

}
