package io.github.checkoutmtls.test.simulator;

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
 * Tests for the payments API of {@link CheckoutMtlsSimulator}: creation outcomes, actions and their state
 * rules, workflows.
 */
class CheckoutMtlsSimulatorApiTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static TestPki pki;

	private static CheckoutMtlsSimulator simulator;

	private static MtlsTestClient client;

	@BeforeAll
	static void start() {
		pki = TestPki.builder().build();
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
		simulator.clearRecords();
	}

	@Test
	void paymentIsAuthorizedWith201() {
		Response response = post("/payments", "{\"amount\": 1000, \"currency\": \"EUR\", \"reference\": \"ORD-1\"}");
		assertThat(response.status()).isEqualTo(201);
		JsonNode body = json.readTree(response.body());
		assertThat(body.get("id").stringValue()).startsWith("pay_");
		assertThat(body.get("action_id").stringValue()).startsWith("act_");
		assertThat(body.get("status").stringValue()).isEqualTo("Authorized");
		assertThat(body.get("approved").booleanValue()).isTrue();
		assertThat(body.get("reference").stringValue()).isEqualTo("ORD-1");
		assertThat(simulator.payments().count()).isEqualTo(1);
	}

	@Test
	void paymentWhoseAmountEndsIn02IsPendingWith202AndRedirect() {
		Response response = post("/payments", "{\"amount\": 1002, \"currency\": \"EUR\"}");
		assertThat(response.status()).isEqualTo(202);
		JsonNode body = json.readTree(response.body());
		String id = body.get("id").stringValue();
		assertThat(body.get("status").stringValue()).isEqualTo("Pending");
		assertThat(body.get("_links").get("redirect").get("href").stringValue()).endsWith("/3ds/" + id);
		assertThat(simulator.payments().find(id)).hasValueSatisfying((payment) -> {
			assertThat(payment.status()).isEqualTo(Payment.PENDING);
			assertThat(payment.approved()).isFalse();
		});
	}

	@Test
	void paymentWhoseAmountEndsIn05IsDeclinedWith201() {
		Response response = post("/payments", "{\"amount\": 1005, \"currency\": \"EUR\"}");
		assertThat(response.status()).isEqualTo(201);
		JsonNode body = json.readTree(response.body());
		assertThat(body.get("status").stringValue()).isEqualTo("Declined");
		assertThat(body.get("approved").booleanValue()).isFalse();
		assertThat(body.get("response_code").stringValue()).isEqualTo("20005");
	}

	@Test
	void paymentWithNegativeAmountAndBadCurrencyIs422ListingBoth() {
		Response response = post("/payments", "{\"amount\": -1, \"currency\": \"euro\"}");
		assertThat(response.status()).isEqualTo(422);
		JsonNode error = json.readTree(response.body());
		assertThat(error.get("request_id").stringValue()).isEqualTo(response.header("Cko-Request-Id"));
		assertThat(error.get("error_type").stringValue()).isEqualTo("request_invalid");
		assertThat(error.get("error_codes").values()).extracting(JsonNode::stringValue)
			.containsExactly("amount_invalid", "currency_invalid");
		assertThat(simulator.payments().count()).isZero();
	}

	@Test
	void unknownPaymentIs404WithRequestId() {
		Response response = client.get(simulator.apiBaseUrl() + "/payments/pay_unknown");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.header("Cko-Request-Id")).startsWith("req_");
	}

	@Test
	void captureOfAuthorizedPaymentIs202AndMakesItCaptured() {
		String id = authorize(1000);
		Response response = post("/payments/" + id + "/captures", "{\"amount\": 600, \"reference\": \"CAP-1\"}");
		assertThat(response.status()).isEqualTo(202);
		JsonNode body = json.readTree(response.body());
		assertThat(body.get("action_id").stringValue()).startsWith("act_");
		assertThat(body.get("reference").stringValue()).isEqualTo("CAP-1");
		JsonNode details = json.readTree(client.get(simulator.apiBaseUrl() + "/payments/" + id).body());
		assertThat(details.get("status").stringValue()).isEqualTo("Captured");
		assertThat(details.get("balances").get("total_captured").longValue()).isEqualTo(600);
		assertThat(details.get("balances").get("available_to_refund").longValue()).isEqualTo(600);
	}

	@Test
	void captureWithoutBodyCapturesTheWholeAmount() {
		String id = authorize(1000);
		assertThat(post("/payments/" + id + "/captures", "").status()).isEqualTo(202);
		assertThat(simulator.payments().find(id)).hasValueSatisfying(
				(payment) -> assertThat(payment.capturedAmount()).isEqualTo(1000));
	}

	@Test
	void captureAboveAuthorizedAmountIs422() {
		String id = authorize(1000);
		Response response = post("/payments/" + id + "/captures", "{\"amount\": 1001}");
		assertThat(response.status()).isEqualTo(422);
		assertThat(errorCodes(response)).containsExactly("amount_exceeds_balance");
	}

	@Test
	void captureOfCapturedPaymentIs403NotCapturable() {
		String id = authorize(1000);
		post("/payments/" + id + "/captures", "");
		Response response = post("/payments/" + id + "/captures", "");
		assertThat(response.status()).isEqualTo(403);
		assertThat(json.readTree(response.body()).get("error_type").stringValue()).isEqualTo("action_not_allowed");
		assertThat(errorCodes(response)).containsExactly("payment_not_capturable");
	}

	@Test
	void refundOfAuthorizedPaymentIs403NotRefundable() {
		String id = authorize(1000);
		Response response = post("/payments/" + id + "/refunds", "");
		assertThat(response.status()).isEqualTo(403);
		assertThat(errorCodes(response)).containsExactly("payment_not_refundable");
	}

	@Test
	void partialRefundsAreAllowedUpToTheCapturedAmount() {
		String id = authorize(1000);
		post("/payments/" + id + "/captures", "{\"amount\": 800}");
		assertThat(post("/payments/" + id + "/refunds", "{\"amount\": 300}").status()).isEqualTo(202);
		assertThat(simulator.payments().find(id).get().status()).isEqualTo(Payment.PARTIALLY_REFUNDED);
		Response tooMuch = post("/payments/" + id + "/refunds", "{\"amount\": 501}");
		assertThat(tooMuch.status()).isEqualTo(422);
		assertThat(errorCodes(tooMuch)).containsExactly("amount_exceeds_balance");
		assertThat(post("/payments/" + id + "/refunds", "{\"amount\": 500}").status()).isEqualTo(202);
		assertThat(simulator.payments().find(id)).hasValueSatisfying((payment) -> {
			assertThat(payment.status()).isEqualTo(Payment.REFUNDED);
			assertThat(payment.refundedAmount()).isEqualTo(800);
		});
		assertThat(post("/payments/" + id + "/refunds", "").status()).isEqualTo(403);
	}

	@Test
	void voidOfAuthorizedPaymentIs202AndVoidOfVoidedIs403() {
		String id = authorize(1000);
		assertThat(post("/payments/" + id + "/voids", "{\"reference\": \"VOID-1\"}").status()).isEqualTo(202);
		assertThat(simulator.payments().find(id).get().status()).isEqualTo(Payment.VOIDED);
		Response again = post("/payments/" + id + "/voids", "");
		assertThat(again.status()).isEqualTo(403);
		assertThat(errorCodes(again)).containsExactly("payment_not_voidable");
		assertThat(post("/payments/" + id + "/captures", "").status()).isEqualTo(403);
	}

	@Test
	void voidOfCapturedPaymentIs403() {
		simulator.addPayment("pay_captured", "Captured", 500, "GBP");
		assertThat(post("/payments/pay_captured/voids", "").status()).isEqualTo(403);
		assertThat(post("/payments/pay_captured/refunds", "{\"amount\": 200}").status()).isEqualTo(202);
	}

	@Test
	void actionOnUnknownPaymentIs404() {
		assertThat(post("/payments/pay_unknown/captures", "").status()).isEqualTo(404);
	}

	@Test
	void actionWithNegativeAmountIs422() {
		String id = authorize(1000);
		Response response = post("/payments/" + id + "/refunds", "{\"amount\": -5}");
		assertThat(response.status()).isEqualTo(422);
		assertThat(errorCodes(response)).containsExactly("amount_invalid");
	}

	@Test
	void workflowsAreListedUnderData() {
		Response response = client.get(simulator.apiBaseUrl() + "/workflows");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Cko-Request-Id")).startsWith("req_");
		JsonNode data = json.readTree(response.body()).get("data");
		assertThat(data.values()).singleElement()
			.satisfies((workflow) -> assertThat(workflow.get("id").stringValue()).startsWith("wf_"));
	}

	private static String authorize(long amount) {
		Response response = post("/payments", "{\"amount\": " + amount + ", \"currency\": \"EUR\"}");
		assertThat(response.status()).isEqualTo(201);
		return json.readTree(response.body()).get("id").stringValue();
	}

	private static Response post(String path, String body) {
		return client.exchange(HttpMethod.POST, simulator.apiBaseUrl() + path, body,
				Map.of("Content-Type", "application/json"));
	}

	private static List<String> errorCodes(Response response) {
		return json.readTree(response.body()).get("error_codes").values().stream().map(JsonNode::stringValue).toList();
	}

}
