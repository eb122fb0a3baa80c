package io.github.checkoutmtls.restclient;

import java.io.InterruptedIOException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import io.netty.buffer.UnpooledByteBufAllocator;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.mock.http.client.reactive.MockClientHttpRequest;
import org.springframework.mock.http.client.reactive.MockClientHttpResponse;
import org.springframework.util.StreamUtils;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ConnectorClientHttpRequestFactory}.
 */
class ConnectorClientHttpRequestFactoryTests {

	private static final URI URI_ = URI.create("https://localhost:1/payments");

	@Test
	void writesBufferedBodyAndHeadersOnEveryAttemptAndStreamsTheResponse() throws Exception {
		AtomicReference<MockClientHttpRequest> last = new AtomicReference<>();
		ClientHttpConnector connector = (method, uri, callback) -> {
			// Two attempts, as a retrying connector makes: both must carry the same bytes
			// and key.
			MockClientHttpRequest first = new MockClientHttpRequest(method, uri);
			MockClientHttpRequest second = new MockClientHttpRequest(method, uri);
			return callback.apply(first).then(callback.apply(second)).then(Mono.fromSupplier(() -> {
				assertThat(first.getBodyAsString().block()).isEqualTo(second.getBodyAsString().block());
				last.set(second);
				MockClientHttpResponse response = new MockClientHttpResponse(HttpStatus.CREATED);
				response.getHeaders().add("Cko-Request-Id", "req_1");
				response.setBody(Flux.just("{\"id\":", "\"pay_1\"}")
					.map((part) -> DefaultDataBufferFactory.sharedInstance
						.wrap(part.getBytes(StandardCharsets.UTF_8))));
				return response;
			}));
		};
		ClientHttpRequest request = new ConnectorClientHttpRequestFactory(connector, Duration.ofSeconds(5))
			.createRequest(URI_, HttpMethod.POST);
		request.getHeaders().add("Cko-Idempotency-Key", "order-1");
		StreamUtils.copy("{\"amount\":1000}", StandardCharsets.UTF_8, request.getBody());
		try (ClientHttpResponse response = request.execute()) {
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
			assertThat(response.getStatusText()).isEqualTo("Created");
			assertThat(response.getHeaders().getFirst("Cko-Request-Id")).isEqualTo("req_1");
			assertThat(StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8))
				.isEqualTo("{\"id\":\"pay_1\"}");
		}
		assertThat(last.get().getHeaders().getFirst("Cko-Idempotency-Key")).isEqualTo("order-1");
		assertThat(last.get().getHeaders().getContentLength()).isEqualTo(15);
		assertThat(last.get().getBodyAsString().block()).isEqualTo("{\"amount\":1000}");
	}

	@Test
	void requestWithoutBodyCompletesTheRequest() throws Exception {
		AtomicBoolean completed = new AtomicBoolean();
		ClientHttpConnector connector = (method, uri, callback) -> {
			MockClientHttpRequest request = new MockClientHttpRequest(method, uri);
			return callback.apply(request)
				.then(Mono.fromRunnable(() -> completed.set(request.isCommitted())))
				.thenReturn(new MockClientHttpResponse(HttpStatus.OK));
		};
		try (ClientHttpResponse response = new ConnectorClientHttpRequestFactory(connector, Duration.ofSeconds(5))
			.createRequest(URI_, HttpMethod.GET)
			.execute()) {
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		}
		assertThat(completed).isTrue();
	}

	@Test
	void connectorThatCompletesWithoutAResponseFailsTheRequestAtOnce() {
		ClientHttpConnector connector = (method, uri, callback) -> Mono.empty();
		ClientHttpRequest request = new ConnectorClientHttpRequestFactory(connector, Duration.ofSeconds(30))
			.createRequest(URI_, HttpMethod.GET);
		assertThatExceptionOfType(IOException.class).isThrownBy(request::execute)
			.withMessage("The connector completed without a response");
	}

	@Test
	void noResponseWithinTimeoutCancelsTheExchangeAndNamesTheProperties() {
		AtomicBoolean cancelled = new AtomicBoolean();
		ClientHttpConnector connector = (method, uri, callback) -> Mono.never()
			.cast(org.springframework.http.client.reactive.ClientHttpResponse.class)
			.doOnCancel(() -> cancelled.set(true));
		ClientHttpRequest request = new ConnectorClientHttpRequestFactory(connector, Duration.ofMillis(50))
			.createRequest(URI_, HttpMethod.GET);
		assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(request::execute)
			.withMessageContaining("checkout.mtls.http.*")
			.withMessageContaining("checkout.mtls.retry.deadline");
		assertThat(cancelled).isTrue();
	}

	@Test
	void interruptCancelsTheExchangeAndKeepsTheInterruptFlag() {
		AtomicBoolean cancelled = new AtomicBoolean();
		ClientHttpConnector connector = (method, uri, callback) -> Mono.never()
			.cast(org.springframework.http.client.reactive.ClientHttpResponse.class)
			.doOnCancel(() -> cancelled.set(true));
		ClientHttpRequest request = new ConnectorClientHttpRequestFactory(connector, Duration.ofSeconds(30))
			.createRequest(URI_, HttpMethod.GET);
		Thread.currentThread().interrupt();
		try {
			assertThatExceptionOfType(InterruptedIOException.class).isThrownBy(request::execute);
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
		assertThat(cancelled).isTrue();
	}

	@Test
	void smallBodyOfKnownLengthIsReadWholeBeforeTheCallerWakesUp() throws Exception {
		AtomicBoolean bodyCompleted = new AtomicBoolean();
		AtomicReference<Boolean> completedWhenReturned = new AtomicReference<>();
		ClientHttpConnector connector = (method, uri, callback) -> callback
			.apply(new MockClientHttpRequest(method, uri))
			.thenReturn(response("{\"id\":\"pay_1\"}", 14, () -> bodyCompleted.set(true)));
		ClientHttpRequest request = new ConnectorClientHttpRequestFactory(connector, Duration.ofSeconds(5))
			.createRequest(URI_, HttpMethod.GET);
		try (ClientHttpResponse response = request.execute()) {
			completedWhenReturned.set(bodyCompleted.get());
			assertThat(response.getHeaders().getContentLength()).isEqualTo(14);
			assertThat(StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8))
				.isEqualTo("{\"id\":\"pay_1\"}");
		}
		assertThat(completedWhenReturned.get()).isTrue();
	}

	@Test
	void bodyOverTheLimitOrOfUnknownLengthStreamsAsItArrives() throws Exception {
		for (long length : new long[] { ConnectorClientHttpRequest.BUFFERED_BODY_LIMIT + 1, -1 }) {
			AtomicBoolean bodyCompleted = new AtomicBoolean();
			AtomicReference<Boolean> completedWhenReturned = new AtomicReference<>();
			ClientHttpConnector connector = (method, uri, callback) -> callback
				.apply(new MockClientHttpRequest(method, uri))
				.thenReturn(response("streamed", length, () -> bodyCompleted.set(true)));
			try (ClientHttpResponse response = new ConnectorClientHttpRequestFactory(connector, Duration.ofSeconds(5))
				.createRequest(URI_, HttpMethod.GET)
				.execute()) {
				completedWhenReturned.set(bodyCompleted.get());
				assertThat(StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("streamed");
			}
			assertThat(completedWhenReturned.get()).as("content length %d", length).isFalse();
		}
	}

	@Test
	void emptyBodyOfKnownLengthIsAnEmptyStream() throws Exception {
		ClientHttpConnector connector = (method, uri,
				callback) -> callback.apply(new MockClientHttpRequest(method, uri)).thenReturn(response("", 0, () -> {
				}));
		try (ClientHttpResponse response = new ConnectorClientHttpRequestFactory(connector, Duration.ofSeconds(5))
			.createRequest(URI_, HttpMethod.GET)
			.execute()) {
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(response.getBody().read()).isEqualTo(-1);
		}
	}

	@Test
	void failureWhileReadingASmallBodyIsAnIoFailureNamingTheRequest() {
		IllegalStateException lost = new IllegalStateException("connection closed before the body ended");
		ClientHttpConnector connector = (method, uri, callback) -> {
			MockClientHttpResponse response = new MockClientHttpResponse(HttpStatus.OK);
			response.getHeaders().setContentLength(100);
			response.setBody(Flux
				.<DataBuffer>just(
						DefaultDataBufferFactory.sharedInstance.wrap("{\"id\"".getBytes(StandardCharsets.UTF_8)))
				.concatWith(Flux.error(lost)));
			return callback.apply(new MockClientHttpRequest(method, uri)).thenReturn(response);
		};
		ClientHttpRequest request = new ConnectorClientHttpRequestFactory(connector, Duration.ofSeconds(5))
			.createRequest(URI_, HttpMethod.GET);
		assertThatExceptionOfType(java.io.IOException.class).isThrownBy(request::execute)
			.withMessageContaining("GET " + URI_)
			.withCause(lost);
	}

	@Test
	void smallBodyIsReadInPartsAndEveryBufferIsReleased() throws Exception {
		NettyDataBufferFactory buffers = new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT);
		List<NettyDataBuffer> parts = Stream.of("{\"id\":", "\"pay_1\"", "}")
			.map((part) -> (NettyDataBuffer) buffers.wrap(part.getBytes(StandardCharsets.UTF_8)))
			.toList();
		ClientHttpConnector connector = (method, uri, callback) -> {
			MockClientHttpResponse response = new MockClientHttpResponse(HttpStatus.OK);
			response.getHeaders().setContentLength(14);
			response.setBody(Flux.fromIterable(parts));
			return callback.apply(new MockClientHttpRequest(method, uri)).thenReturn(response);
		};
		try (ClientHttpResponse response = new ConnectorClientHttpRequestFactory(connector, Duration.ofSeconds(5))
			.createRequest(URI_, HttpMethod.GET)
			.execute()) {
			assertThat(parts).allSatisfy((part) -> assertThat(part.getNativeBuffer().refCnt()).isZero());
			assertThat(StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8))
				.isEqualTo("{\"id\":\"pay_1\"}");
		}
	}

	@Test
	void smallBodyLongerThanItsContentLengthIsAnIoFailureNamingTheRequest() {
		ClientHttpConnector connector = (method, uri, callback) -> callback
			.apply(new MockClientHttpRequest(method, uri))
			.thenReturn(response("{\"id\":\"pay_1\"}", 5, () -> {
			}));
		ClientHttpRequest request = new ConnectorClientHttpRequestFactory(connector, Duration.ofSeconds(5))
			.createRequest(URI_, HttpMethod.GET);
		assertThatExceptionOfType(IOException.class).isThrownBy(request::execute)
			.withMessage("The body of the response to GET " + URI_ + " is longer than its Content-Length of 5 bytes");
	}

	@Test
	void smallBodyStillArrivingWhenTheWaitTimesOutIsCancelled() {
		AtomicBoolean bodyCancelled = new AtomicBoolean();
		ClientHttpConnector connector = (method, uri, callback) -> {
			MockClientHttpResponse response = new MockClientHttpResponse(HttpStatus.OK);
			response.getHeaders().setContentLength(14);
			response.setBody(Flux
				.<DataBuffer>just(
						DefaultDataBufferFactory.sharedInstance.wrap("{\"id\"".getBytes(StandardCharsets.UTF_8)))
				.concatWith(Flux.never())
				.doOnCancel(() -> bodyCancelled.set(true)));
			return callback.apply(new MockClientHttpRequest(method, uri)).thenReturn(response);
		};
		ClientHttpRequest request = new ConnectorClientHttpRequestFactory(connector, Duration.ofMillis(50))
			.createRequest(URI_, HttpMethod.GET);
		assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(request::execute);
		assertThat(bodyCancelled).isTrue();
	}

	// The connector only logs what its subscriber throws on its own thread: the bridge
	// fails the wait itself, rather than leave the caller to its timeout.
	@Test
	void responseTheBridgeCannotTakeFailsTheCallerWithItsOwnError() {
		ClientHttpConnector connector = (method, uri,
				callback) -> callback.apply(new MockClientHttpRequest(method, uri)).then(Mono.fromSupplier(() -> {
					MockClientHttpResponse response = new MockClientHttpResponse(HttpStatus.OK);
					response.getHeaders().set("Content-Length", "14, 14");
					response.setBody(Flux.<DataBuffer>just(DefaultDataBufferFactory.sharedInstance
						.wrap("{\"id\":\"pay_1\"}".getBytes(StandardCharsets.UTF_8))));
					return (org.springframework.http.client.reactive.ClientHttpResponse) response;
				})).publishOn(Schedulers.single());
		ClientHttpRequest request = new ConnectorClientHttpRequestFactory(connector, Duration.ofSeconds(5))
			.createRequest(URI_, HttpMethod.GET);
		assertThatExceptionOfType(NumberFormatException.class).isThrownBy(request::execute);
	}

	@Test
	void announcedBodyThatNeverCameIsEmpty() throws Exception {
		ClientHttpConnector connector = (method, uri,
				callback) -> callback.apply(new MockClientHttpRequest(method, uri)).thenReturn(response("", 14, () -> {
				}));
		try (ClientHttpResponse response = new ConnectorClientHttpRequestFactory(connector, Duration.ofSeconds(5))
			.createRequest(URI_, HttpMethod.HEAD)
			.execute()) {
			assertThat(response.getHeaders().getContentLength()).isEqualTo(14);
			assertThat(response.getBody().read()).isEqualTo(-1);
		}
	}

	private static MockClientHttpResponse response(String body, long contentLength, Runnable onComplete) {
		MockClientHttpResponse response = new MockClientHttpResponse(HttpStatus.OK);
		if (contentLength >= 0) {
			response.getHeaders().setContentLength(contentLength);
		}
		response.setBody(Flux.just(body)
			.filter((part) -> !part.isEmpty())
			.<DataBuffer>map(
					(part) -> DefaultDataBufferFactory.sharedInstance.wrap(part.getBytes(StandardCharsets.UTF_8)))
			.doOnComplete(onComplete));
		return response;
	}

	@Test
	void connectorFailureReachesTheCallerAsItIs() {
		IllegalStateException failure = new IllegalStateException("refused");
		ClientHttpConnector connector = (method, uri, callback) -> Mono.error(failure);
		ClientHttpRequest request = new ConnectorClientHttpRequestFactory(connector, Duration.ofSeconds(5))
			.createRequest(URI_, HttpMethod.GET);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(request::execute).isSameAs(failure);
	}

}
