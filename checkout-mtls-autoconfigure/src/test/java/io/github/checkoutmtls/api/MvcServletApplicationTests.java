package io.github.checkoutmtls.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.pipeline.CheckoutOutcomeUnknownException;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest.AuthMode;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.IssuedToken;
import io.github.checkoutmtls.test.simulator.Payment;
import io.github.checkoutmtls.test.simulator.RecordedExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link MvcShopApplication} on Tomcat with {@code spring.threads.virtual.enabled=true},
 * driven over HTTP, in both modes. On Java 17 its handlers run on platform threads; on
 * Java 21+ (the {@code virtual-threads} Maven profile) on virtual threads, which the
 * tests then require.
 */
class MvcServletApplicationTests {

	static final String PROPERTIES = "spring.threads.virtual.enabled=true";

	// Tomcat's accept queue holds 100 connections by default: most of the cold burst's
	// 500 callers would wait for their connection attempts to be sent again (after 1 s,
	// then 3 s) before Tomcat even saw them.
	static final String ACCEPT_QUEUE = "server.tomcat.accept-count=1000";

	@Nested
	@CheckoutMtlsSimulatorTest
	@SpringBootTest(classes = MvcShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { PROPERTIES, "checkout.mtls.retry.initial-backoff=10ms",
					"checkout.mtls.retry.max-backoff=50ms", "spring.main.banner-mode=off", ACCEPT_QUEUE })
	class CertificateMode extends Scenarios {

		@Override
		int tokenRequestsPerIdentity() {
			return 0;
		}

	}

	@Nested
	@CheckoutMtlsSimulatorTest(authMode = AuthMode.JWT)
	@SpringBootTest(classes = MvcShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { PROPERTIES, "checkout.mtls.retry.initial-backoff=10ms",
					"checkout.mtls.retry.max-backoff=50ms", "spring.main.banner-mode=off", ACCEPT_QUEUE })
	class JwtMode extends Scenarios {

		@Override
		int tokenRequestsPerIdentity() {
			return 1;
		}

	}

	@TestMethodOrder(ColdBurstFirst.class)
	abstract static class Scenarios {

		private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

		@LocalServerPort
		private int port;

		@Autowired
		private CheckoutMtlsSimulator simulator;

		@Autowired
		private MvcShopApplication.ShopController shop;

		@Autowired
		@Qualifier("checkoutRestClient")
		private RestClient checkoutRestClient;

		@Autowired
		private MyCustomersApi customers;

		@Autowired
		@Qualifier("checkoutMtlsConnector")
		private CheckoutMtlsConnector connector;

		abstract int tokenRequestsPerIdentity();

		// First on this class's context, which no other class shares: a client that
		// never sent a request (checked), without starting a context of its own.
		@Test
		@Order(1)
		void coldBurstOf500ConcurrentCallsOverEveryFrontMakesOneTokenRequest() throws Exception {
			assertThat(this.connector.poolUsage().openConnections()).as("connections open before the burst").isZero();
			assertThat(this.simulator.tokenRequests()).as("token requests before the burst").isZero();
			this.simulator.addPayment("pay_burst", Payment.AUTHORIZED, 900, "EUR");
			List<String> statuses = ConcurrentCalls.burst(500,
					(i) -> get("/shop/payments/pay_burst/" + MvcShopApplication.FRONTS[i % 3]));
			assertThat(statuses).hasSize(500).containsOnly(Payment.AUTHORIZED);
			assertThat(apiExchanges("/payments/pay_burst")).hasSize(500)
				.allSatisfy((exchange) -> assertThat(exchange.status()).isEqualTo(200));
			assertThat(this.simulator.tokenRequests()).isEqualTo(tokenRequestsPerIdentity());
			assertHandlersRanOnExpectedThreads(500);
		}

		@Test
		@Order(Integer.MAX_VALUE)
		@DirtiesContext
		void certificateRotatedThreeTimesUnderLoadFailsNoRequest(TestPki pki) throws Exception {
			this.simulator.addPayment("pay_rotation", Payment.AUTHORIZED, 1000, "EUR");
			String original = this.connector.identity().thumbprint();
			List<String> rotated = new ArrayList<>();
			ConcurrentCalls load = ConcurrentCalls.loop(6,
					(worker) -> assertThat(get("/shop/payments/pay_rotation/" + MvcShopApplication.FRONTS[worker % 3]))
						.isEqualTo(Payment.AUTHORIZED));
			try {
				awaitExchangeOver(original);
				for (int i = 0; i < 3; i++) {
					CertificateAndKey leaf = pki.issueLeaf(TestPki.DEFAULT_COMMON_NAME,
							(i % 2 == 0) ? KeyType.RSA_2048 : KeyType.EC_P256);
					this.connector.swap(ClientIdentity.of(pki.chainFor(leaf), leaf.privateKey(), "test=rotation-" + i));
					rotated.add(leaf.thumbprint());
					// The next rotation only once this leaf carried requests: each swap
					// lands under load.
					awaitExchangeOver(leaf.thumbprint());
				}
			}
			finally {
				load.close();
			}
			assertThat(load.failures()).isEmpty();
			assertThat(load.succeeded()).isPositive();
			List<RecordedExchange> exchanges = apiExchanges("/payments/pay_rotation");
			assertThat(exchanges).allSatisfy((exchange) -> assertThat(exchange.status()).isEqualTo(200));
			assertThat(exchanges).extracting(RecordedExchange::leafThumbprint).containsAll(rotated);
			if (tokenRequestsPerIdentity() > 0) {
				Map<String, String> boundTo = this.simulator.issuedTokens()
					.stream()
					.collect(Collectors.toMap(IssuedToken::token, IssuedToken::thumbprint));
				assertThat(exchanges).allSatisfy((exchange) -> assertThat(boundTo.get(exchange.bearerToken()))
					.isEqualTo(exchange.leafThumbprint()));
			}
			assertHandlersRanOnExpectedThreads(load.succeeded());
		}

		@Test
		void oneShotBodyPaymentResetAfterProcessingIsSentAgainWithSameKeyAndBytesAndPaysOnce() {
			this.simulator.faults().on("POST", "/payments").times(1).resetAfterProcessing();
			byte[] json = ("{\"amount\":1500,\"currency\":\"EUR\",\"reference\":\"order-one-shot\","
					+ "\"source\":{\"type\":\"token\",\"token\":\"tok_test\"}}")
				.getBytes(StandardCharsets.UTF_8);
			AtomicInteger writes = new AtomicInteger();
			StreamingHttpOutputMessage.Body oneShot = (out) -> {
				if (writes.incrementAndGet() > 1) {
					throw new IOException("one-shot body written twice");
				}
				out.write(json);
			};
			ResponseEntity<Map<String, Object>> answer = this.checkoutRestClient.post()
				.uri("/payments")
				.contentType(MediaType.APPLICATION_JSON)
				.body(oneShot)
				.retrieve()
				.toEntity(new ParameterizedTypeReference<>() {
				});
			assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
			assertThat(writes).hasValue(1);
			assertThat(this.simulator.processedRequests("POST", "/payments")).isOne();
			List<RecordedExchange> attempts = apiExchanges("/payments");
			assertThat(attempts).hasSize(2);
			assertThat(attempts).extracting(RecordedExchange::body)
				.containsOnly(new String(json, StandardCharsets.UTF_8));
			assertThat(attempts.get(0).idempotencyKey()).isNotBlank().isEqualTo(attempts.get(1).idempotencyKey());
			assertThat(attempts).extracting(RecordedExchange::replayed).containsExactly(false, true);
			assertThat(this.simulator.payments().find((String) answer.getBody().get("id"))).isPresent();
		}

		@Test
		void postToNonIdempotentEndpointResetAfterProcessingEndsInOutcomeUnknownAndWasProcessedOnce() {
			this.simulator.stubs().on("POST", "/customers").respond(201, "{\"id\": \"cus_mvc\"}");
			this.simulator.faults().on("POST", "/customers").times(1).resetAfterProcessing();
			assertThatExceptionOfType(CheckoutOutcomeUnknownException.class)
				.isThrownBy(() -> this.customers.create(Map.of("email", "jane@example.com")))
				.satisfies((ex) -> {
					assertThat(ex.getPath()).isEqualTo("/customers");
					assertThat(ex.getAttempts()).isOne();
				});
			assertThat(this.simulator.processedRequests("POST", "/customers")).isOne();
			assertThat(apiExchanges("/customers")).singleElement()
				.satisfies((exchange) -> assertThat(exchange.idempotencyKey()).isNull());
		}

		// A payment answered over this leaf, not any exchange: in jwt mode the token
		// request over a new leaf comes first, and a swap right after it would leave
		// that leaf without a payment.
		private void awaitExchangeOver(String thumbprint) {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> apiExchanges("/payments/pay_rotation").stream()
					.anyMatch((exchange) -> thumbprint.equals(exchange.leafThumbprint()) && exchange.status() == 200));
		}

		// Boot gives Tomcat a virtual-thread executor from Java 21 on; the
		// virtual-threads profile insists on it.
		private void assertHandlersRanOnExpectedThreads(int atLeast) {
			boolean virtual = Runtime.version().feature() >= 21;
			if (Boolean.getBoolean("checkout-mtls.expect-virtual-threads")) {
				assertThat(virtual).as("running on Java %s", Runtime.version()).isTrue();
			}
			assertThat(virtual ? this.shop.virtualHandlers() : this.shop.platformHandlers())
				.isGreaterThanOrEqualTo(atLeast);
			assertThat(virtual ? this.shop.platformHandlers() : this.shop.virtualHandlers()).isZero();
		}

		private List<RecordedExchange> apiExchanges(String path) {
			return this.simulator.exchanges().stream().filter((exchange) -> exchange.path().equals(path)).toList();
		}

		private String get(String path) {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.timeout(Duration.ofSeconds(60))
				.build();
			try {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).as("GET %s answered %s", path, response.body()).isEqualTo(200);
				return response.body();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

}
