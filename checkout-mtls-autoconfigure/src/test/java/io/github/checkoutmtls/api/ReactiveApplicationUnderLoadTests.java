package io.github.checkoutmtls.api;

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
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.test.annotation.DirtiesContext;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest.AuthMode;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.IssuedToken;
import io.github.checkoutmtls.test.simulator.Payment;
import io.github.checkoutmtls.test.simulator.RecordedExchange;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The WebFlux application of {@link ReactiveApplicationClientsTests} under load, in both
 * modes: a cold burst, certificate rotation, and one-shot bodies reset after processing,
 * through {@link ReactiveCheckoutPayments} and the {@code checkout} group's
 * {@code WebClient} flavour. Each call blocks a real thread of its own.
 */
class ReactiveApplicationUnderLoadTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@Nested
	@CheckoutMtlsSimulatorTest
	@SpringBootTest(classes = ReactiveApplicationClientsTests.Application.class,
			properties = { "spring.main.web-application-type=reactive", "checkout.mtls.retry.initial-backoff=10ms",
					"checkout.mtls.retry.max-backoff=50ms", "spring.main.banner-mode=off" })
	class CertificateMode extends Scenarios {

		@Override
		int tokenRequestsPerIdentity() {
			return 0;
		}

	}

	@Nested
	@CheckoutMtlsSimulatorTest(authMode = AuthMode.JWT)
	@SpringBootTest(classes = ReactiveApplicationClientsTests.Application.class,
			properties = { "spring.main.web-application-type=reactive", "checkout.mtls.retry.initial-backoff=10ms",
					"checkout.mtls.retry.max-backoff=50ms", "spring.main.banner-mode=off" })
	class JwtMode extends Scenarios {

		@Override
		int tokenRequestsPerIdentity() {
			return 1;
		}

	}

	@TestMethodOrder(ColdBurstFirst.class)
	abstract static class Scenarios {

		@Autowired
		private ReactiveCheckoutPayments payments;

		@Autowired
		private MyReactiveCheckoutApi myApi;

		@Autowired
		private CheckoutMtlsSimulator simulator;

		@Autowired
		@Qualifier("checkoutMtlsConnector")
		private CheckoutMtlsConnector connector;

		abstract int tokenRequestsPerIdentity();

		// First on this class's context, which no other class shares: a client that
		// never sent a request (checked), without starting a context of its own.
		@Test
		@Order(1)
		void coldBurstOf500ConcurrentCallsMakesOneTokenRequest() throws Exception {
			assertThat(this.connector.poolUsage().openConnections()).as("connections open before the burst").isZero();
			assertThat(this.simulator.tokenRequests()).as("token requests before the burst").isZero();
			this.simulator.addPayment("pay_rx_burst", Payment.AUTHORIZED, 900, "EUR");
			List<String> statuses = ConcurrentCalls.burst(500,
					(i) -> this.payments.getPaymentDetails("pay_rx_burst").block(TIMEOUT).status());
			assertThat(statuses).hasSize(500).containsOnly(Payment.AUTHORIZED);
			assertThat(apiExchanges("/payments/pay_rx_burst")).hasSize(500)
				.allSatisfy((exchange) -> assertThat(exchange.status()).isEqualTo(200));
			assertThat(this.simulator.tokenRequests()).isEqualTo(tokenRequestsPerIdentity());
		}

		@Test
		@Order(Integer.MAX_VALUE)
		@DirtiesContext
		void certificateRotatedThreeTimesUnderLoadFailsNoRequest(TestPki pki) throws Exception {
			this.simulator.addPayment("pay_rx_rotation", Payment.AUTHORIZED, 1000, "EUR");
			List<String> rotated = new ArrayList<>();
			ConcurrentCalls load = ConcurrentCalls.loop(6,
					(worker) -> assertThat(this.payments.getPaymentDetails("pay_rx_rotation").block(TIMEOUT).status())
						.isEqualTo(Payment.AUTHORIZED));
			try {
				awaitExchangeOver(this.connector.identity().thumbprint());
				for (int i = 0; i < 3; i++) {
					CertificateAndKey leaf = pki.issueLeaf(TestPki.DEFAULT_COMMON_NAME,
							(i % 2 == 0) ? KeyType.EC_P256 : KeyType.RSA_2048);
					this.connector.swap(ClientIdentity.of(pki.chainFor(leaf), leaf.privateKey(), "test=rotation-" + i));
					rotated.add(leaf.thumbprint());
					awaitExchangeOver(leaf.thumbprint());
				}
			}
			finally {
				load.close();
			}
			assertThat(load.failures()).isEmpty();
			List<RecordedExchange> exchanges = apiExchanges("/payments/pay_rx_rotation");
			assertThat(exchanges).allSatisfy((exchange) -> assertThat(exchange.status()).isEqualTo(200));
			assertThat(exchanges).extracting(RecordedExchange::leafThumbprint).containsAll(rotated);
			if (tokenRequestsPerIdentity() > 0) {
				Map<String, String> boundTo = this.simulator.issuedTokens()
					.stream()
					.collect(Collectors.toMap(IssuedToken::token, IssuedToken::thumbprint));
				assertThat(exchanges).allSatisfy((exchange) -> assertThat(boundTo.get(exchange.bearerToken()))
					.isEqualTo(exchange.leafThumbprint()));
			}
		}

		@Test
		void oneShotFluxBodyResetAfterProcessingIsSentAgainWithSameKeyAndBytesAndPaysOnce() {
			this.simulator.faults().on("POST", "/payments").times(1).resetAfterProcessing();
			String json = "{\"amount\":2500,\"currency\":\"EUR\",\"reference\":\"order-rx-one-shot\","
					+ "\"source\":{\"type\":\"token\",\"token\":\"tok_test\"}}";
			AtomicInteger subscriptions = new AtomicInteger();
			// Two chunks from a source that can be read once, as a stream or a consumed
			// queue would be.
			Flux<DataBuffer> oneShot = Flux.defer(() -> (subscriptions.incrementAndGet() == 1)
					? Flux.just(json.substring(0, 20), json.substring(20)).map(Scenarios::buffer)
					: Flux.error(new IllegalStateException("one-shot body subscribed twice")));
			Map<String, Object> payment = this.myApi.requestPayment(oneShot).block(TIMEOUT);
			assertThat(payment).containsEntry("status", Payment.AUTHORIZED);
			assertThat(subscriptions).hasValue(1);
			assertPaidOnceOverTwoIdenticalAttempts((String) payment.get("id"), json);
		}

		@Test
		void typedPaymentResetAfterProcessingIsSentAgainWithSameKeyAndPaysOnce() {
			this.simulator.faults().on("POST", "/payments").times(1).resetAfterProcessing();
			PaymentResponse payment = this.payments
				.requestPayment(PaymentRequest.of(PaymentSource.token("tok_test"), 1200, "EUR", "order-rx-typed"), null)
				.block(TIMEOUT);
			assertThat(payment.status()).isEqualTo(Payment.AUTHORIZED);
			assertPaidOnceOverTwoIdenticalAttempts(payment.id(), apiExchanges("/payments").get(0).body());
		}

		private void assertPaidOnceOverTwoIdenticalAttempts(String paymentId, String body) {
			assertThat(this.simulator.processedRequests("POST", "/payments")).isOne();
			List<RecordedExchange> attempts = apiExchanges("/payments");
			assertThat(attempts).hasSize(2).extracting(RecordedExchange::body).containsOnly(body);
			assertThat(attempts.get(0).idempotencyKey()).isNotBlank().isEqualTo(attempts.get(1).idempotencyKey());
			assertThat(attempts).extracting(RecordedExchange::replayed).containsExactly(false, true);
			assertThat(this.simulator.payments().find(paymentId)).isPresent();
		}

		// A payment answered over this leaf, not any exchange: in jwt mode the token
		// request over a new leaf comes first, and a swap right after it would leave
		// that leaf without a payment.
		private void awaitExchangeOver(String thumbprint) {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> apiExchanges("/payments/pay_rx_rotation").stream()
					.anyMatch((exchange) -> thumbprint.equals(exchange.leafThumbprint()) && exchange.status() == 200));
		}

		private List<RecordedExchange> apiExchanges(String path) {
			return this.simulator.exchanges().stream().filter((exchange) -> exchange.path().equals(path)).toList();
		}

		private static DataBuffer buffer(String text) {
			return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
		}

	}

}
