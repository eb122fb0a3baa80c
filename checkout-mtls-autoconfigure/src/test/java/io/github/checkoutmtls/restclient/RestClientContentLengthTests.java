package io.github.checkoutmtls.restclient;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.http.HttpMethod;
import org.springframework.web.client.RestClient;

import io.github.checkoutmtls.TestContexts;
import io.github.checkoutmtls.test.junit.SimulatorFixture;
import io.github.checkoutmtls.test.simulator.RecordedExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code checkoutRestClient} puts on the wire as {@code Content-Length}, read back
 * from the simulator: none for a GET, HEAD or DELETE without a body (RFC 9110, section
 * 8.6, and what Spring's blocking Reactor Netty factory sends), {@code 0} for any other
 * method without one, the length of a body otherwise.
 */
class RestClientContentLengthTests {

	@Test
	void contentLengthOnlyWhereTheMethodAnticipatesContentOrABodyIsSent() {
		try (SimulatorFixture fixture = SimulatorFixture.builder().start()) {
			TestContexts.contextRunner()
				.withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class,
						CheckoutRestClientAutoConfiguration.class))
				.withPropertyValues(fixture.propertyValues())
				.withPropertyValues("checkout.mtls.retry.enabled=false")
				.run((context) -> {
					RestClient client = context.getBean("checkoutRestClient", RestClient.class);
					List<HttpMethod> methods = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.DELETE,
							HttpMethod.OPTIONS, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);
					for (HttpMethod method : methods) {
						send(client, method, "/content-length/empty/" + method.name(), null);
						send(client, method, "/content-length/body/" + method.name(), "{\"a\":1}");
					}
					List<RecordedExchange> exchanges = fixture.simulator().exchanges();
					for (HttpMethod method : methods) {
						boolean withoutContent = method == HttpMethod.GET || method == HttpMethod.HEAD
								|| method == HttpMethod.DELETE;
						assertThat(contentLength(exchanges, "/content-length/empty/" + method.name()))
							.as("Content-Length of a %s without a body", method)
							.isEqualTo(withoutContent ? null : "0");
						assertThat(contentLength(exchanges, "/content-length/body/" + method.name()))
							.as("Content-Length of a %s with a body", method)
							.isEqualTo("7");
					}
				});
		}
	}

	private static void send(RestClient client, HttpMethod method, String path, String body) {
		RestClient.RequestBodySpec request = client.method(method).uri(path);
		if (body != null) {
			request.body(body);
		}
		// Whatever the simulator answers to an unknown path: only what arrived matters.
		request.exchange((sent, response) -> response.getStatusCode());
	}

	private static String contentLength(List<RecordedExchange> exchanges, String path) {
		List<RecordedExchange> matching = exchanges.stream()
			.filter((exchange) -> exchange.path().equals(path))
			.toList();
		assertThat(matching).as("requests to %s", path).hasSize(1);
		return matching.get(0).header("Content-Length");
	}

}
