package io.github.checkoutmtls.test.simulator;

import java.time.Duration;
import java.util.Map;

import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorExtension;
import io.github.checkoutmtls.test.junit.SimulatorFixture;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.MtlsTestClient.Response;
import io.github.checkoutmtls.test.simulator.RecordedExchange.Handling;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the stubs of {@link CheckoutMtlsSimulator}, {@link SimulatorStubs}, and its
 * answer to routes that are neither modelled nor stubbed.
 */
class CheckoutMtlsSimulatorStubsTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	static final CheckoutMtlsSimulatorExtension checkout = SimulatorFixture.builder().perClass();

	private static TestPki pki;

	private static CheckoutMtlsSimulator simulator;

	private static MtlsTestClient client;

	// The fixture clears stubs and records before each test
	@BeforeEach
	void reset() {
		pki = checkout.pki();
		simulator = checkout.simulator();
		client = MtlsTestClient.of(pki, simulator);
	}

	@Test
	void stubAnswersWithItsStatusHeadersAndJsonBodyOnTheMtlsEdge() {
		simulator.stubs()
			.on("POST", "/customers")
			.header("Location", "/customers/cus_123")
			.respond(201, "{\"id\": \"cus_123\"}");
		Response response = client.post(simulator.apiBaseUrl() + "/customers", "{\"email\": \"a@example.com\"}");
		assertThat(response.status()).isEqualTo(201);
		assertThat(json.readTree(response.body()).get("id").stringValue()).isEqualTo("cus_123");
		assertThat(response.header("Location")).isEqualTo("/customers/cus_123");
		assertThat(response.header("Content-Type")).startsWith("application/json");
		assertThat(response.header("Cko-Request-Id")).matches(MtlsTestClient.UUID);
		assertThat(simulator.processedRequests("POST", "/customers")).isOne();
		assertThat(simulator.exchanges()).singleElement().satisfies((exchange) -> {
			assertThat(exchange.body()).isEqualTo("{\"email\": \"a@example.com\"}");
			assertThat(exchange.leafThumbprint()).isEqualTo(pki.leaf().thumbprint());
			assertThat(exchange.handling()).isEqualTo(Handling.PROCESSED);
		});
	}

	@Test
	void stubMatchesPathTemplatesAndAnyMethod() {
		simulator.stubs().on("*", "/instruments/{id}").respond(204);
		assertThat(client.get(simulator.apiBaseUrl() + "/instruments/src_1").status()).isEqualTo(204);
		assertThat(client.exchange(HttpMethod.DELETE, simulator.apiBaseUrl() + "/instruments/src_2", null, Map.of())
			.status()).isEqualTo(204);
		assertThat(client.get(simulator.apiBaseUrl() + "/instruments").status()).isEqualTo(404);
		assertThat(simulator.processedRequests("*", "/instruments/{id}")).isEqualTo(2);
	}

	@Test
	void laterStubWinsAndStubsWinOverModelledRoutes() {
		simulator.stubs().on("GET", "/disputes").respond(200, "{\"data\": []}");
		simulator.stubs().on("GET", "/disputes").respond(200, "{\"data\": [{\"id\": \"dsp_1\"}]}");
		simulator.stubs().on("GET", "/workflows").respond(503);
		assertThat(json.readTree(client.get(simulator.apiBaseUrl() + "/disputes").body()).get("data").size()).isOne();
		assertThat(client.get(simulator.apiBaseUrl() + "/workflows").status()).isEqualTo(503);
		simulator.stubs().clear();
		assertThat(client.get(simulator.apiBaseUrl() + "/workflows").status()).isEqualTo(200);
	}

	@Test
	void stubLatencyDelaysTheAnswer() {
		simulator.stubs().on("POST", "/payment-sessions").latency(Duration.ofMillis(300)).respond(201, "{}");
		long start = System.nanoTime();
		assertThat(client.post(simulator.apiBaseUrl() + "/payment-sessions", "{}").status()).isEqualTo(201);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void stubBodyThatIsNotJsonIsRefusedAtRegistration() {
		assertThatIllegalArgumentException().isThrownBy(() -> simulator.stubs().on("GET", "/x").respond(200, "{oops"))
			.withMessageContaining("GET /x")
			.withMessageContaining("not JSON");
	}

	@Test
	void unknownRouteIs404NamingTheRouteAndHowToStubIt() {
		Response response = client.post(simulator.apiBaseUrl() + "/customers?x=1", "{}");
		assertThat(response.status()).isEqualTo(404);
		JsonNode error = json.readTree(response.body());
		assertThat(error.get("request_id").stringValue()).isEqualTo(response.header("Cko-Request-Id"));
		assertThat(error.get("error_type").stringValue()).isEqualTo("simulator_route_unknown");
		assertThat(error.get("simulator_hint").stringValue()).contains("POST /customers")
			.contains("simulator.stubs().on(\"POST\", \"/customers\")");
		assertThat(simulator.processedRequests("*", "/customers")).isZero();
		assertThat(simulator.exchanges()).singleElement()
			.satisfies((exchange) -> assertThat(exchange.handling()).isEqualTo(Handling.NOT_ROUTED));
	}

}
