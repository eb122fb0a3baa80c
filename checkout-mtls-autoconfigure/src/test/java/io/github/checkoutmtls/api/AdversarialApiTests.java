package io.github.checkoutmtls.api;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withStatus;

/**
 * Adversarial error bodies against the CheckoutErrors mapping, blocking and reactive.
 */
class AdversarialApiTests {

	private static final String BASE = "https://mtls.api.sandbox.checkout.com";

	private Throwable blocking(String contentType, String body) {
		RestClient.Builder builder = RestClient.builder().baseUrl(BASE);
		MockRestServiceServer server = MockRestServiceServer.bindTo(builder).build();
		CheckoutErrors.create().applyTo(builder);
		server.expect(requestTo(BASE + "/payments/pay_1"))
			.andRespond(withStatus(HttpStatus.UNPROCESSABLE_CONTENT).header("Cko-Request-Id", "req-1")
				.contentType(MediaType.parseMediaType(contentType))
				.body(body));
		CheckoutPayments payments = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(builder.build()))
			.build()
			.createClient(CheckoutPayments.class);
		try {
			payments.getPaymentDetails("pay_1");
			return null;
		}
		catch (Throwable ex) {
			return ex;
		}
	}

	private Throwable reactive(String contentType, String body) {
		WebClient.Builder builder = WebClient.builder()
			.baseUrl(BASE)
			.exchangeFunction((request) -> Mono.just(ClientResponse.create(HttpStatus.UNPROCESSABLE_CONTENT)
				.header("Cko-Request-Id", "req-1")
				.header("Content-Type", contentType)
				.body(body)
				.request(new org.springframework.http.HttpRequest() {
					@Override
					public org.springframework.http.HttpMethod getMethod() {
						return request.method();
					}

					@Override
					public java.net.URI getURI() {
						return request.url();
					}

					@Override
					public java.util.Map<String, Object> getAttributes() {
						return request.attributes();
					}

					@Override
					public org.springframework.http.HttpHeaders getHeaders() {
						return request.headers();
					}
				})
				.build()));
		CheckoutErrors.applyTo(builder);
		ReactiveCheckoutPayments payments = HttpServiceProxyFactory
			.builderFor(
					org.springframework.web.reactive.function.client.support.WebClientAdapter.create(builder.build()))
			.build()
			.createClient(ReactiveCheckoutPayments.class);
		try {
			payments.getPaymentDetails("pay_1").block(Duration.ofSeconds(5));
			return null;
		}
		catch (Throwable ex) {
			return ex;
		}
	}

	private static void assertApiException(Throwable ex) {
		assertThat(ex).isInstanceOf(CheckoutApiException.class);
		CheckoutApiException api = (CheckoutApiException) ex;
		assertThat(api.getStatusCode()).isEqualTo(422);
		assertThat(api.getRequestId()).isEqualTo("req-1");
	}

	@Test
	void blockingNullElementInErrorCodesStillGivesCheckoutApiException() {
		assertApiException(blocking("application/json",
				"{\"error_type\":\"request_invalid\",\"error_codes\":[\"amount_required\",null]}"));
	}

	@Test
	void reactiveNullElementInErrorCodesStillGivesCheckoutApiException() {
		assertApiException(reactive("application/json",
				"{\"error_type\":\"request_invalid\",\"error_codes\":[\"amount_required\",null]}"));
	}

	@Test
	void blockingJsonNullBodyStillGivesCheckoutApiException() {
		assertApiException(blocking("application/json", "null"));
	}

	@Test
	void reactiveJsonNullBodyStillGivesCheckoutApiException() {
		assertApiException(reactive("application/json", "null"));
	}

	@Test
	void blockingOddShapesStillGiveCheckoutApiException() {
		for (String body : new String[] { "", "[]", "[1,2]", "42", "\"x\"", "<html>oops</html>", "{",
				"{\"error_type\":{},\"error_codes\":\"x\"}", "{\"error_type\":123,\"error_codes\":[1,{}]}",
				"{\"error_codes\":null,\"request_id\":[]}" }) {
			assertApiException(blocking("application/json", body));
		}
		assertApiException(blocking("text/html", "<html>502</html>"));
	}

	@Test
	void reactiveOddShapesStillGiveCheckoutApiException() {
		for (String body : new String[] { "", "[]", "[1,2]", "42", "\"x\"", "<html>oops</html>", "{",
				"{\"error_type\":{},\"error_codes\":\"x\"}", "{\"error_type\":123,\"error_codes\":[1,{}]}",
				"{\"error_codes\":null,\"request_id\":[]}" }) {
			assertApiException(reactive("application/json", body));
		}
		assertApiException(reactive("text/html", "<html>502</html>"));
	}

	@Test
	void blockingHugeErrorTypeIsNotCopiedWholeIntoTheMessage() {
		String huge = "A".repeat(50_000);
		Throwable ex = blocking("application/json", "{\"error_type\":\"" + huge + "\",\"error_codes\":[]}");
		assertApiException(ex);
		assertThat(ex.getMessage().length()).as("message length").isLessThan(2_000);
	}

	@Test
	void blockingProblemJsonIsReadLikeReactive() {
		String body = "{\"error_type\":\"request_invalid\",\"error_codes\":[\"amount_required\"]}";
		Throwable blocking = blocking("application/problem+json", body);
		Throwable reactive = reactive("application/problem+json", body);
		assertApiException(blocking);
		assertApiException(reactive);
		assertThat(((CheckoutApiException) blocking).getErrorType())
			.isEqualTo(((CheckoutApiException) reactive).getErrorType());
	}

	@Test
	void jsonWithCharsetParameterIsRead() {
		String body = "{\"error_type\":\"request_invalid\",\"error_codes\":[\"amount_required\"]}";
		Throwable ex = blocking("application/json; charset=utf-8", body);
		assertApiException(ex);
		assertThat(((CheckoutApiException) ex).getErrorCodes()).containsExactly("amount_required");
	}

	private Object success(String contentType, String body) {
		RestClient.Builder builder = RestClient.builder().baseUrl(BASE);
		MockRestServiceServer server = MockRestServiceServer.bindTo(builder).build();
		CheckoutErrors.create().applyTo(builder);
		org.springframework.test.web.client.response.DefaultResponseCreator response = withStatus(HttpStatus.CREATED)
			.header("Cko-Request-Id", "req-1")
			.body(body);
		if (contentType != null) {
			response = response.contentType(MediaType.parseMediaType(contentType));
		}
		server.expect(requestTo(BASE + "/payments")).andRespond(response);
		CheckoutPayments payments = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(builder.build()))
			.build()
			.createClient(CheckoutPayments.class);
		try {
			return payments.requestPayment(PaymentRequest.of(PaymentSource.token("tok_test"), 1000, "EUR", "o-1"),
					"k-1");
		}
		catch (Throwable ex) {
			return ex;
		}
	}

}
