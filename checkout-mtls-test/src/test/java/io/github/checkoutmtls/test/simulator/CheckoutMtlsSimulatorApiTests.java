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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code POST /payments}, {@code GET /payments/{id}}, {@code GET
 * /payments/{id}/actions} and {@code GET /workflows} of {@link CheckoutMtlsSimulator}.
 */
class CheckoutMtlsSimulatorApiTests {

	static final String SOURCE = "\"source\": {\"type\": \"token\", \"token\": \"tok_test\"}";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static CheckoutMtlsSimulator simulator;

	private static MtlsTestClient client;

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
		simulator.clearRecords();
	}

	@Test
	void paymentIsAuthorizedWith201AndLinksToItsActions() {
		Response response = post("{\"amount\": 1000, \"currency\": \"EUR\", \"reference\": \"ORD-1\", " + SOURCE + "}");
		assertThat(response.status()).isEqualTo(201);
		JsonNode body = json.readTree(response.body());
		String id = body.get("id").stringValue();
		assertThat(id).startsWith("pay_");
		assertThat(body.get("action_id").stringValue()).startsWith("act_");
		assertThat(body.get("status").stringValue()).isEqualTo("Authorized");
		assertThat(body.get("approved").booleanValue()).isTrue();
		assertThat(body.get("response_code").stringValue()).isEqualTo("10000");
		assertThat(body.get("reference").stringValue()).isEqualTo("ORD-1");
		JsonNode links = body.get("_links");
		assertThat(links.get("self").get("href").stringValue()).endsWith("/payments/" + id);
		assertThat(links.get("actions").get("href").stringValue()).endsWith("/payments/" + id + "/actions");
		assertThat(links.get("capture").get("href").stringValue()).endsWith("/payments/" + id + "/captures");
		assertThat(simulator.payments().count()).isEqualTo(1);
	}

	@Test
	void paymentRequestingThreeDsIsPendingWith202AndRedirectWhateverTheAmount() {
		Response response = post(
				"{\"amount\": 1000, \"currency\": \"EUR\", \"3ds\": {\"enabled\": true}, " + SOURCE + "}");
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
	void amountEndingIn02IsAuthorizedNotPending() {
		assertThat(json.readTree(post(payment(1002)).body()).get("status").stringValue()).isEqualTo("Authorized");
	}

	@Test
	void zeroAmountIsACardVerification() {
		Response response = post(payment(0));
		assertThat(response.status()).isEqualTo(201);
		JsonNode body = json.readTree(response.body());
		assertThat(body.get("status").stringValue()).isEqualTo("Card Verified");
		assertThat(body.get("approved").booleanValue()).isTrue();
		assertThat(actions(body.get("id").stringValue())).singleElement()
			.satisfies((action) -> assertThat(action.get("type").stringValue()).isEqualTo("Card Verification"));
	}

	@ParameterizedTest
	@CsvSource({ "1005, 20005", "1012, 20012", "1014, 20014", "1051, 20051", "1062, 20062", "1033, 30033",
			"4001, 40101", "9998, 20068", "105, 20005" })
	void sandboxTestAmountIsDeclinedWithItsResponseCode(long amount, String responseCode) {
		Response response = post(payment(amount));
		assertThat(response.status()).isEqualTo(201);
		JsonNode body = json.readTree(response.body());
		assertThat(body.get("status").stringValue()).isEqualTo("Declined");
		assertThat(body.get("approved").booleanValue()).isFalse();
		assertThat(body.get("response_code").stringValue()).isEqualTo(responseCode);
		assertThat(body.get("_links").has("capture")).isFalse();
	}

	@Test
	void paymentWithoutSourceIs422PaymentSourceRequired() {
		Response response = post("{\"amount\": 1000, \"currency\": \"EUR\"}");
		assertThat(response.status()).isEqualTo(422);
		assertThat(errorCodes(response)).containsExactly("payment_source_required");
		assertThat(simulator.payments().count()).isZero();
	}

	@Test
	void paymentWithNegativeAmountBadCurrencyAndLongReferenceIs422ListingAll() {
		String reference = "r".repeat(51);
		Response response = post(
				"{\"amount\": -1, \"currency\": \"euro\", \"reference\": \"" + reference + "\", " + SOURCE + "}");
		assertThat(response.status()).isEqualTo(422);
		JsonNode error = json.readTree(response.body());
		assertThat(error.get("request_id").stringValue()).isEqualTo(response.header("Cko-Request-Id"))
			.matches(MtlsTestClient.UUID);
		assertThat(error.get("error_type").stringValue()).isEqualTo("request_invalid");
		assertThat(errorCodes(response)).containsExactly("amount_invalid", "currency_invalid", "reference_invalid");
	}

	@Test
	void referenceOfFiftyCharactersIsAccepted() {
		assertThat(post(
				"{\"amount\": 1000, \"currency\": \"EUR\", \"reference\": \"" + "r".repeat(50) + "\", " + SOURCE + "}")
			.status()).isEqualTo(201);
	}

	@Test
	void malformedPaymentBodyIs422() {
		Response response = post("{not json");
		assertThat(response.status()).isEqualTo(422);
		assertThat(errorCodes(response)).containsExactly("request_body_malformed");
	}

	@Test
	void processingChannelIsRequiredOnlyWhenTheBuilderSaysSo() {
		TestPki pki = TestPki.builder().build();
		try (CheckoutMtlsSimulator strict = CheckoutMtlsSimulator.builder()
			.trustedRoots(pki.root().certificate())
			.requireProcessingChannelId(true)
			.start()) {
			MtlsTestClient strictClient = MtlsTestClient.of(pki, strict);
			Response without = strictClient.post(strict.apiBaseUrl() + "/payments", payment(1000));
			assertThat(without.status()).isEqualTo(422);
			assertThat(errorCodes(without)).containsExactly("processing_channel_id_required");
			assertThat(
					strictClient
						.post(strict.apiBaseUrl() + "/payments",
								"{\"amount\": 1000, \"currency\": \"EUR\", "
										+ "\"processing_channel_id\": \"pc_test\", " + SOURCE + "}")
						.status())
				.isEqualTo(201);
		}
		assertThat(post(payment(1000)).status()).isEqualTo(201);
	}

	@Test
	void createdPaymentCanBeRetrievedWithItsBalances() {
		String id = json
			.readTree(
					post("{\"amount\": 2500, \"currency\": \"USD\", \"reference\": \"ORD-1\", " + SOURCE + "}").body())
			.get("id")
			.stringValue();
		Response fetched = client.get(simulator.apiBaseUrl() + "/payments/" + id);
		assertThat(fetched.status()).isEqualTo(200);
		JsonNode payment = json.readTree(fetched.body());
		assertThat(payment.get("amount").longValue()).isEqualTo(2500);
		assertThat(payment.get("reference").stringValue()).isEqualTo("ORD-1");
		assertThat(payment.get("balances").get("available_to_capture").longValue()).isEqualTo(2500);
		assertThat(simulator.exchanges()).extracting(RecordedExchange::status).containsExactly(201, 200);
		assertThat(simulator.exchanges().get(0).body()).contains("ORD-1");
	}

	@Test
	void unknownPaymentIs404WithoutBody() {
		Response response = client.get(simulator.apiBaseUrl() + "/payments/pay_unknown");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.body()).isEmpty();
		assertThat(client.get(simulator.apiBaseUrl() + "/payments/pay_unknown/actions").status()).isEqualTo(404);
	}

	@Test
	void actionsOfAPaymentListItsAuthorization() {
		JsonNode created = json.readTree(post(payment(1000)).body());
		assertThat(actions(created.get("id").stringValue())).singleElement().satisfies((action) -> {
			assertThat(action.get("id").stringValue()).isEqualTo(created.get("action_id").stringValue());
			assertThat(action.get("type").stringValue()).isEqualTo("Authorization");
			assertThat(action.get("amount").longValue()).isEqualTo(1000);
			assertThat(action.get("response_code").stringValue()).isEqualTo("10000");
		});
	}

	@Test
	void workflowsAreListedUnderData() {
		Response response = client.get(simulator.apiBaseUrl() + "/workflows");
		assertThat(response.status()).isEqualTo(200);
		JsonNode data = json.readTree(response.body()).get("data");
		assertThat(data.values()).singleElement()
			.satisfies((workflow) -> assertThat(workflow.get("id").stringValue()).startsWith("wf_"));
	}

	static String payment(long amount) {
		return "{\"amount\": " + amount + ", \"currency\": \"EUR\", " + SOURCE + "}";
	}

	private static List<JsonNode> actions(String id) {
		Response response = client.get(simulator.apiBaseUrl() + "/payments/" + id + "/actions");
		assertThat(response.status()).isEqualTo(200);
		return json.readTree(response.body()).values().stream().toList();
	}

	private static Response post(String body) {
		return client.exchange(HttpMethod.POST, simulator.apiBaseUrl() + "/payments", body,
				Map.of("Content-Type", "application/json"));
	}

	static List<String> errorCodes(Response response) {
		return json.readTree(response.body()).get("error_codes").values().stream().map(JsonNode::stringValue).toList();
	}

}
