package io.github.checkoutmtls.benchmarks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import org.reactivestreams.Publisher;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.client.reactive.AbstractClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A connector that answers every request from memory with the echo server's 200 and JSON
 * body, after consuming what the request wrote: the exchange beneath both the plain
 * clients and the starter's pipeline in the in-process benchmark. It extends
 * {@link ReactorClientHttpConnector} only to fit where the starter holds one; nothing of
 * Reactor Netty is used.
 */
final class InMemoryConnector extends ReactorClientHttpConnector {

	private static final byte[] BODY = EchoServer.BODY.getBytes(StandardCharsets.UTF_8);

	private static final DataBufferFactory BUFFERS = DefaultDataBufferFactory.sharedInstance;

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		Request request = new Request(method, uri);
		return requestCallback.apply(request).then(Mono.fromSupplier(Response::new));
	}

	private static final class Request extends AbstractClientHttpRequest {

		private final HttpMethod method;

		private final URI uri;

		Request(HttpMethod method, URI uri) {
			this.method = method;
			this.uri = uri;
		}

		@Override
		public HttpMethod getMethod() {
			return this.method;
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		public DataBufferFactory bufferFactory() {
			return BUFFERS;
		}

		@Override
		@SuppressWarnings("unchecked")
		public <T> T getNativeRequest() {
			return (T) this;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			return doCommit(() -> Flux.from(body).doOnNext(DataBufferUtils::release).then());
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			return writeWith(Flux.from(body).flatMap((chunk) -> chunk));
		}

		@Override
		public Mono<Void> setComplete() {
			return doCommit();
		}

		@Override
		protected void applyHeaders() {
		}

		@Override
		protected void applyCookies() {
		}

	}

	private static final class Response implements ClientHttpResponse {

		private final HttpHeaders headers = new HttpHeaders();

		Response() {
			this.headers.setContentType(MediaType.APPLICATION_JSON);
			this.headers.setContentLength(BODY.length);
		}

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatusCode.valueOf(200);
		}

		@Override
		public MultiValueMap<String, ResponseCookie> getCookies() {
			return new LinkedMultiValueMap<>();
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return Flux.just(BUFFERS.wrap(BODY));
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

	}

}
