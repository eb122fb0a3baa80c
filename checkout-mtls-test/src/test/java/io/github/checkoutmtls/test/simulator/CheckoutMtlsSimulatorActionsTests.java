package io.github.checkoutmtls.test.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.MtlsTestClient.Response;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code POST /payments/{id}/captures|refunds|voids} of
 * {@link CheckoutMtlsSimulator}: 202 at once, the payment changing once the action is
 * processed (moved by a test clock), and the state rules.
 */
class CheckoutMtlsSimulatorActionsTests {

	private static final Duration PROCESSING = Duration.ofSeconds(2);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final MutableClock clock = new MutableClock();

	private static TestPki pki;

	private static CheckoutMtlsSimulator simulator;

	private static MtlsTestClient client;

	@BeforeAll
	static void start() {
		pki = TestPki.builder().build();
		simulator = CheckoutMtlsSimulator.builder()
			.trustedRoots(pki.root().certificate())
			.clock(clock)
			.actionProcessingTime(PROCESSING)
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
	}

	@Test
	void captureIsAcceptedWith202AndChangesThePaymentOnceProcessed() {
		String id = authorize(1000);
		Response response = post("/payments/" + id + "/captures", "{\"amount\": 1000, \"reference\": \"CAP-1\"}");
		assertThat(response.status()).isEqualTo(202);
		JsonNode body = json.readTree(response.body());
		assertThat(body.get("action_id").stringValue()).startsWith("act_");
		assertThat(body.get("reference").stringValue()).isEqualTo("CAP-1");
		assertThat(body.get("_links").get("payment").get("href").stringValue()).endsWith("/payments/" + id);
		assertThat(details(id).get("status").stringValue()).isEqualTo("Authorized");
		assertThat(actionTypes(id)).containsExactly("Authorization");
		clock.advance(PROCESSING);
		JsonNode details = details(id);
		assertThat(details.get("status").stringValue()).isEqualTo("Captured");
		assertThat(details.get("balances").get("total_captured").longValue()).isEqualTo(1000);
		assertThat(details.get("balances").get("available_to_refund").longValue()).isEqualTo(1000);
		assertThat(actionTypes(id)).containsExactly("Capture", "Authorization");
	}

	@Test
	void partialCaptureMakesThePaymentPartiallyCapturedAndTheRestCapturable() {
		String id = authorize(1000);
		assertThat(post("/payments/" + id + "/captures", "{\"amount\": 600}").status()).isEqualTo(202);
		clock.advance(PROCESSING);
		assertThat(simulator.payments().find(id)).hasValueSatisfying((payment) -> {
			assertThat(payment.status()).isEqualTo(Payment.PARTIALLY_CAPTURED);
			assertThat(payment.capturedAmount()).isEqualTo(600);
		});
		assertThat(details(id).get("balances").get("available_to_capture").longValue()).isEqualTo(400);
		assertThat(post("/payments/" + id + "/captures", "").status()).isEqualTo(202);
		clock.advance(PROCESSING);
		assertThat(simulator.payments().find(id).get().status()).isEqualTo(Payment.CAPTURED);
	}

	@Test
	void rulesCountActionsAcceptedButNotYetProcessed() {
		String id = authorize(1000);
		assertThat(post("/payments/" + id + "/captures", "").status()).isEqualTo(202);
		Response again = post("/payments/" + id + "/captures", "{\"amount\": 1}");
		assertThat(again.status()).isEqualTo(403);
		assertThat(post("/payments/" + id + "/voids", "").status()).isEqualTo(403);
		assertThat(post("/payments/" + id + "/refunds", "{\"amount\": 400}").status()).isEqualTo(202);
	}

	@Test
	void captureAboveAuthorizedAmountIs422() {
		String id = authorize(1000);
		Response response = post("/payments/" + id + "/captures", "{\"amount\": 1001}");
		assertThat(response.status()).isEqualTo(422);
		assertThat(CheckoutMtlsSimulatorApiTests.errorCodes(response)).containsExactly("amount_exceeds_balance");
	}

	@Test
	void refusedActionIs403WithoutBodyUnlessTheBuilderAsksForOne() {
		String id = authorize(1000);
		Response refused = post("/payments/" + id + "/refunds", "");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body()).isEmpty();
		try (CheckoutMtlsSimulator described = CheckoutMtlsSimulator.builder()
			.trustedRoots(pki.root().certificate())
			.actionRefusalBodies(true)
			.start()) {
			described.addPayment("pay_auth", Payment.AUTHORIZED, 100, "EUR");
			Response response = MtlsTestClient.of(pki, described)
				.post(described.apiBaseUrl() + "/payments/pay_auth/refunds", "");
			assertThat(response.status()).isEqualTo(403);
			assertThat(json.readTree(response.body()).get("error_type").stringValue()).isEqualTo("action_not_allowed");
			assertThat(CheckoutMtlsSimulatorApiTests.errorCodes(response)).containsExactly("payment_not_refundable");
		}
	}

	@Test
	void partialRefundsAreAllowedUpToTheCapturedAmount() {
		simulator.addPayment("pay_captured", Payment.CAPTURED, 800, "EUR");
		assertThat(post("/payments/pay_captured/refunds", "{\"amount\": 300}").status()).isEqualTo(202);
		clock.advance(PROCESSING);
		assertThat(simulator.payments().find("pay_captured").get().status()).isEqualTo(Payment.PARTIALLY_REFUNDED);
		Response tooMuch = post("/payments/pay_captured/refunds", "{\"amount\": 501}");
		assertThat(tooMuch.status()).isEqualTo(422);
		assertThat(post("/payments/pay_captured/refunds", "{\"amount\": 500}").status()).isEqualTo(202);
		clock.advance(PROCESSING);
		assertThat(simulator.payments().find("pay_captured")).hasValueSatisfying((payment) -> {
			assertThat(payment.status()).isEqualTo(Payment.REFUNDED);
			assertThat(payment.refundedAmount()).isEqualTo(800);
		});
		assertThat(post("/payments/pay_captured/refunds", "").status()).isEqualTo(403);
	}

	@Test
	void voidOfAuthorizedPaymentVoidsItAndForbidsCapture() {
		String id = authorize(1000);
		assertThat(post("/payments/" + id + "/voids", "{\"reference\": \"VOID-1\"}").status()).isEqualTo(202);
		clock.advance(PROCESSING);
		assertThat(simulator.payments().find(id).get().status()).isEqualTo(Payment.VOIDED);
		assertThat(post("/payments/" + id + "/voids", "").status()).isEqualTo(403);
		assertThat(post("/payments/" + id + "/captures", "").status()).isEqualTo(403);
	}

	@Test
	void voidOfCapturedPaymentIs403() {
		simulator.addPayment("pay_done", Payment.CAPTURED, 500, "GBP");
		assertThat(post("/payments/pay_done/voids", "").status()).isEqualTo(403);
	}

	@Test
	void actionOnUnknownPaymentIs404AndNegativeAmountIs422() {
		assertThat(post("/payments/pay_unknown/captures", "").status()).isEqualTo(404);
		Response negative = post("/payments/" + authorize(1000) + "/captures", "{\"amount\": -5}");
		assertThat(negative.status()).isEqualTo(422);
		assertThat(CheckoutMtlsSimulatorApiTests.errorCodes(negative)).containsExactly("amount_invalid");
	}

	private static String authorize(long amount) {
		Response response = post("/payments", CheckoutMtlsSimulatorApiTests.payment(amount));
		assertThat(response.status()).isEqualTo(201);
		return json.readTree(response.body()).get("id").stringValue();
	}

	private static JsonNode details(String id) {
		return json.readTree(client.get(simulator.apiBaseUrl() + "/payments/" + id).body());
	}

	private static List<String> actionTypes(String id) {
		return json.readTree(client.get(simulator.apiBaseUrl() + "/payments/" + id + "/actions").body())
			.values()
			.stream()
			.map((action) -> action.get("type").stringValue())
			.toList();
	}

	private static Response post(String path, String body) {
		return client.exchange(HttpMethod.POST, simulator.apiBaseUrl() + path, body,
				Map.of("Content-Type", "application/json"));
	}

}
