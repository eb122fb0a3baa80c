package io.github.checkoutmtls.restclient;

import java.net.URI;
import java.util.function.Function;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A connector that sends each request through {@code checkoutWebClient}, so that the other fronts get its
 * per-request steps (idempotency key, bearer token and 401 refresh, diagnosis, retries) while those are
 * still {@code WebClient} filters. Every status is passed back as a response, never as an error, and the
 * body streams from the connection.
 *
 * <p>The caller's headers are set when its request is written, after the filters ran: a caller's own
 * {@code Cko-Idempotency-Key} replaces a generated one, and is sent again on every attempt.
 */
final class WebClientFilterConnector implements ClientHttpConnector {

	private final WebClient webClient;

	WebClientFilterConnector(WebClient webClient) {
		this.webClient = webClient;
	}

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		return this.webClient.method(method)
			.uri(uri)
			.body((request, context) -> requestCallback.apply(request))
			.retrieve()
			.onStatus((status) -> true, (response) -> Mono.empty())
			.toEntityFlux(DataBuffer.class)
			.map(EntityResponse::new);
	}

	/**
	 * A response whose body is the entity's streaming body.
	 */
	private record EntityResponse(ResponseEntity<Flux<DataBuffer>> entity) implements ClientHttpResponse {

		@Override
		public HttpStatusCode getStatusCode() {
			return this.entity.getStatusCode();
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.entity.getHeaders();
		}

		@Override
		public MultiValueMap<String, ResponseCookie> getCookies() {
			// Checkout's API sets no cookies; the raw Set-Cookie headers stay readable.
			return new LinkedMultiValueMap<>();
		}

		@Override
		public Flux<DataBuffer> getBody() {
			Flux<DataBuffer> body = this.entity.getBody();
			return (body != null) ? body : Flux.empty();
		}

	}

}
