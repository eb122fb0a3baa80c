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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator at the edges of what Checkout documents and what its own docs promise: a
 * client that gives up mid-processing, payments cleared between tests, currencies without
 * two decimals, malformed token requests.
 */
class CheckoutMtlsSimulatorFidelityTests {

	private static final String PAYMENT = CheckoutMtlsSimulatorApiTests.payment(1000);

	private static TestPki pki;

	private static CheckoutMtlsSimulator simulator;

	private static MtlsTestClient client;

	private final String key = UUID.randomUUID().toString();

	@BeforeAll
	static void start() {
		pki = TestPki.builder().build();
		simulator = CheckoutMtlsSimulator.builder()
			.trustedRoots(pki.root().certificate())
			.client("ck_1", "s3cret")
			.start();
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

	// StubSpec.latency: "the request counts as processed from the start". A client that
	// gives up mid-processing must not free the key: the retry should be a replay (or a
	// concurrent duplicate), never a second processing.
	@Test
	void clientGivingUpDuringStubProcessingDoesNotMakeTheRetryASecondProcessing() throws Exception {
		simulator.stubs().on("POST", "/transfers").latency(Duration.ofMillis(800)).respond(201, "{\"id\": \"tra_1\"}");
		Response abandoned = request("/transfers", "{}", this.key).timeout(Duration.ofMillis(200))
			.onErrorResume((ex) -> Mono.empty())
			.block(MtlsTestClient.TIMEOUT);
		assertThat(abandoned).isNull();
		Thread.sleep(1200);
		Response retry = request("/transfers", "{}", this.key).block(MtlsTestClient.TIMEOUT);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(simulator.processedRequests("POST", "/transfers")).as("processed /transfers").isEqualTo(1);
	}

	// A replayed answer names a payment the simulator still has: payments().clear()
	// forgets the stored answers with the payments.
	@Test
	void replayAfterPaymentsAreClearedDoesNotNameAMissingPayment() {
		Response first = request("/payments", PAYMENT, this.key).block(MtlsTestClient.TIMEOUT);
		String id = first.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
		simulator.payments().clear();
		Response second = request("/payments", PAYMENT, this.key).block(MtlsTestClient.TIMEOUT);
		String replayedId = second.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
		assertThat(client.get(simulator.apiBaseUrl() + "/payments/" + replayedId).status())
			.as("GET of replayed payment " + replayedId + " (first was " + id + ")")
			.isEqualTo(200);
	}

	// CHECKOUT.md: sandbox test amounts are for "two-decimal currencies only". JPY has no
	// minor unit: its amount 1005 is not a documented test amount.
	@Test
	void sandboxDeclineAmountsApplyOnlyToTwoDecimalCurrencies() {
		String jpy = "{\"amount\": 1005, \"currency\": \"JPY\", " + CheckoutMtlsSimulatorApiTests.SOURCE + "}";
		Response response = request("/payments", jpy, this.key).block(MtlsTestClient.TIMEOUT);
		assertThat(response.body()).contains("\"Authorized\"");
	}

	// CHECKOUT.md: token errors are HTTP 400 {"error": ...}. A malformed percent-escape
	// in the form is a client error (invalid_request), not a 500.
	@Test
	void malformedFormEncodingOnTheTokenEndpointIs400InvalidRequest() {
		Response response = client.exchange(HttpMethod.POST, simulator.tokenUrl(),
				"grant_type=client_credentials&client_id=ck_1&client_secret=s3cret&scope=%zz",
				Map.of("Content-Type", "application/x-www-form-urlencoded"));
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.body()).contains("invalid_request");
	}

	// RFC 6749 3.1/3.2: parameters must not be sent more than once: a repeat is
	// invalid_request.
	@Test
	void repeatedTokenRequestParameterIsInvalidRequest() {
		Response response = client.exchange(HttpMethod.POST, simulator.tokenUrl(),
				"grant_type=client_credentials&client_id=ck_1&client_secret=s3cret&client_secret=other",
				Map.of("Content-Type", "application/x-www-form-urlencoded"));
		assertThat(response.status()).as(response.body()).isEqualTo(400);
	}

	private static Mono<Response> request(String path, String body, String key) {
		return client.request(HttpMethod.POST, simulator.apiBaseUrl() + path, body,
				Map.of("Content-Type", "application/json", "Cko-Idempotency-Key", key));
	}

}
