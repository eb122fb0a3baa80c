package io.github.checkoutmtls.api;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.web.service.registry.HttpServiceGroup.ClientType;
import org.springframework.web.service.registry.ImportHttpServices;

import io.github.checkoutmtls.autoconfigure.CheckoutWebClientCustomizer;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest.AuthMode;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.Payment;
import io.github.checkoutmtls.test.simulator.RecordedExchange;
import io.github.checkoutmtls.test.simulator.SimulatorHost;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A WebFlux application in jwt mode calling Checkout with
 * {@link ReactiveCheckoutPayments} and with a reactive interface of its own in the
 * {@code checkout} group's {@code WebClient} flavour, both customized by the
 * application's {@link CheckoutWebClientCustomizer}.
 */
@CheckoutMtlsSimulatorTest(authMode = AuthMode.JWT)
@SpringBootTest(classes = ReactiveApplicationClientsTests.Application.class,
		properties = { "spring.main.web-application-type=reactive", "spring.main.banner-mode=off" })
class ReactiveApplicationClientsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	private ReactiveCheckoutPayments payments;

	@Autowired
	private MyReactiveCheckoutApi myApi;

	@Autowired
	private CheckoutMtlsSimulator simulator;

	@Test
	void reactiveTypedApiAuthorizesAndCapturesAPayment() {
		Mono<ActionResponse> captured = this.payments
			.requestPayment(PaymentRequest.of(PaymentSource.token("tok_test"), 3000, "EUR", "order-rx-1"), "rx-key-1")
			.doOnNext((payment) -> assertThat(payment.status()).isEqualTo("Authorized"))
			.flatMap((payment) -> this.payments.capturePayment(payment.id(), ActionRequest.of("cap-rx"), null));
		assertThat(captured.block(TIMEOUT).actionId()).startsWith("act_");
		assertThat(apiExchanges()).hasSize(2).allSatisfy(ReactiveApplicationClientsTests::boundToken);
		assertThat(apiExchanges().get(0).idempotencyKey()).isEqualTo("rx-key-1");
	}

	@Test
	void reactiveTypedApiFailsWithCheckoutApiException() {
		Mono<PaymentDetails> details = this.payments.getPaymentDetails("pay_missing");
		assertThatExceptionOfType(CheckoutApiException.class).isThrownBy(() -> details.block(TIMEOUT))
			.satisfies((api) -> {
				assertThat(api.getStatusCode()).isEqualTo(404);
				assertThat(api.getRequestId()).isEqualTo(apiExchanges().get(0).requestId());
			});
	}

	@Test
	void reactiveTypedApiMapsCheckoutErrorBody() {
		PaymentRequest badCurrency = PaymentRequest.of(PaymentSource.token("tok_test"), 100, "euro", "order-rx-2");
		Mono<PaymentResponse> payment = this.payments.requestPayment(badCurrency, null);
		assertThatExceptionOfType(CheckoutApiException.class).isThrownBy(() -> payment.block(TIMEOUT))
			.satisfies((api) -> {
				assertThat(api.getStatusCode()).isEqualTo(422);
				assertThat(api.getErrorType()).isEqualTo("request_invalid");
				assertThat(api.getErrorCodes()).containsExactly("currency_invalid");
			});
	}

	@Test
	void webClientFlavourOfCheckoutGroupIsBackedByTheMtlsClient() {
		this.simulator.addPayment("pay_rx_group", Payment.CAPTURED, 800, "EUR");
		assertThat(this.myApi.payment("pay_rx_group").block(TIMEOUT)).containsEntry("status", "Captured");
		assertThat(apiExchanges()).singleElement().satisfies(ReactiveApplicationClientsTests::boundToken);
	}

	@Test
	void checkoutWebClientCustomizersApplyToTheCheckoutGroupAndTheTypedApi() {
		this.simulator.addPayment("pay_rx_customized", Payment.AUTHORIZED, 800, "EUR");
		this.myApi.payment("pay_rx_customized").block(TIMEOUT);
		this.payments.getPaymentDetails("pay_rx_customized").block(TIMEOUT);
		assertThat(apiExchanges()).hasSize(2).allSatisfy((exchange) -> {
			assertThat(exchange.header("X-Shop-Client")).isEqualTo("reactive-shop");
			boundToken(exchange);
		});
	}

	private List<RecordedExchange> apiExchanges() {
		return this.simulator.exchanges().stream().filter((exchange) -> exchange.host() == SimulatorHost.API).toList();
	}

	private static void boundToken(RecordedExchange exchange) {
		assertThat(exchange.leafCommonName()).isEqualTo(TestPki.DEFAULT_COMMON_NAME);
		assertThat(exchange.bearerToken()).isNotNull();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@ImportHttpServices(group = CheckoutHttpServices.GROUP, types = MyReactiveCheckoutApi.class,
			clientType = ClientType.WEB_CLIENT)
	static class Application {

		@Bean
		CheckoutWebClientCustomizer shopClientHeader() {
			return (builder) -> builder.defaultHeader("X-Shop-Client", "reactive-shop");
		}

	}

}
