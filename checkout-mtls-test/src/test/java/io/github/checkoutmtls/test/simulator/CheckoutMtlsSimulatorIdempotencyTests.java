package io.github.checkoutmtls.test.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.MtlsTestClient.Response;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code Cko-Idempotency-Key} handling of {@link CheckoutMtlsSimulator}.
 */
class CheckoutMtlsSimulatorIdempotencyTests {

	private static final String PAYMENT = "{\"amount\": 1000, \"currency\": \"EUR\"}";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static CheckoutMtlsSimulator simulator;

	private static MtlsTestClient client;

	private final String key = UUID.randomUUID().toString();

	@BeforeAll
	static void start() {
		TestPki pki = TestPki.builder().build();
		simulator = CheckoutMtlsSimulator.builder().trustedRoots(pki.root().certificate()).start();
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
		simulator.clearRecords();
	}

	@Test
	void sameKeyAndBodyReplaysTheOriginalResponse() {
		Response first = post(PAYMENT);
		Response second = post(PAYMENT);
		assertThat(first.status()).isEqualTo(201);
		assertThat(second.status()).isEqualTo(201);
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(second.header(CheckoutMtlsSimulator.REPLAYED_HEADER)).isEqualTo("true");
		assertThat(first.header(CheckoutMtlsSimulator.REPLAYED_HEADER)).isNull();
		assertThat(second.header("Cko-Request-Id")).startsWith("req_").isNotEqualTo(first.header("Cko-Request-Id"));
		assertThat(simulator.payments().count()).isEqualTo(1);
		assertThat(simulator.exchanges()).extracting(RecordedExchange::replayed).containsExactly(false, true);
		assertThat(simulator.exchanges()).extracting(RecordedExchange::idempotencyKey).containsOnly(this.key);
	}

	@Test
	void sameKeyWhileTheFirstIsInFlightIs409() {
		simulator.faults().on("POST", "/payments").times(1).latency(Duration.ofSeconds(1));
		Response[] responses = Mono.zip(request(PAYMENT), request(PAYMENT))
			.map((pair) -> new Response[] { pair.getT1(), pair.getT2() })
			.block(MtlsTestClient.TIMEOUT);
		assertThat(responses).extracting(Response::status).containsExactlyInAnyOrder(201, 409);
		Response conflict = (responses[0].status() == 409) ? responses[0] : responses[1];
		assertThat(errorCodes(conflict)).isEqualTo("[\"idempotency_key_in_progress\"]");
		assertThat(simulator.payments().count()).isEqualTo(1);
		Response afterwards = post(PAYMENT);
		assertThat(afterwards.status()).isEqualTo(201);
		assertThat(afterwards.header(CheckoutMtlsSimulator.REPLAYED_HEADER)).isEqualTo("true");
	}

	@Test
	void sameKeyWithDifferentBodyIs422Reused() {
		assertThat(post(PAYMENT).status()).isEqualTo(201);
		Response reused = post("{\"amount\": 2000, \"currency\": \"EUR\"}");
		assertThat(reused.status()).isEqualTo(422);
		assertThat(errorCodes(reused)).isEqualTo("[\"idempotency_key_reused\"]");
		assertThat(simulator.payments().count()).isEqualTo(1);
	}

	@Test
	void requestRefusedByAFaultLeavesTheKeyFreeForTheRetry() {
		simulator.faults().on("POST", "/payments").times(1).status(503);
		assertThat(post(PAYMENT).status()).isEqualTo(503);
		Response retry = post(PAYMENT);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.header(CheckoutMtlsSimulator.REPLAYED_HEADER)).isNull();
		assertThat(simulator.payments().count()).isEqualTo(1);
	}

	@Test
	void requestsWithoutKeyAreEachProcessed() {
		client.post(simulator.apiBaseUrl() + "/payments", PAYMENT);
		client.post(simulator.apiBaseUrl() + "/payments", PAYMENT);
		assertThat(simulator.payments().count()).isEqualTo(2);
	}

	private Response post(String body) {
		return request(body).block(MtlsTestClient.TIMEOUT);
	}

	private Mono<Response> request(String body) {
		return client.request(HttpMethod.POST, simulator.apiBaseUrl() + "/payments", body,
				Map.of("Content-Type", "application/json", "Cko-Idempotency-Key", this.key));
	}

	private static String errorCodes(Response response) {
		JsonNode error = json.readTree(response.body());
		return error.get("error_codes").toString();
	}

}
