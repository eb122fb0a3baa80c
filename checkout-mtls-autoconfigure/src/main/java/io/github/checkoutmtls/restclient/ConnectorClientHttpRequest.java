package io.github.checkoutmtls.restclient;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.AbstractBufferingClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;

import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

/**
 * A buffered request sent through a {@link ClientHttpConnector}. The body is written as
 * one buffer, so whatever the connector replays on a retry is exactly these bytes.
 */
final class ConnectorClientHttpRequest extends AbstractBufferingClientHttpRequest {

	// Bodies up to this size, of a known length, are read whole before the caller wakes.
	static final int BUFFERED_BODY_LIMIT = 256 * 1024;

	private static final byte[] NO_BYTES = new byte[0];

	private final ClientHttpConnector connector;

	private final HttpMethod method;

	private final URI uri;

	private final Duration timeout;

	ConnectorClientHttpRequest(ClientHttpConnector connector, HttpMethod method, URI uri, Duration timeout) {
		this.connector = connector;
		this.method = method;
		this.uri = uri;
		this.timeout = timeout;
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
	protected ClientHttpResponse executeInternal(HttpHeaders headers, byte[] body) throws IOException {
		Awaited response = new Awaited();
		this.connector.connect(this.method, this.uri, (request) -> write(request, headers, body))
			.flatMap(this::readSmallBody)
			.subscribe(response);
		return await(response);
	}

	// A body of a known length up to the limit (a payment's JSON, say) is read on the
	// connection's thread and handed over whole: the calling thread wakes up once, not
	// once for the headers and again for the body, and the connection is back in its
	// pool before it does. Any other body streams as it arrives.
	private Mono<ClientHttpResponse> readSmallBody(
			org.springframework.http.client.reactive.ClientHttpResponse response) {
		long length = response.getHeaders().getContentLength();
		if (length < 0 || length > BUFFERED_BODY_LIMIT) {
			return Mono.just(new ConnectorClientHttpResponse(response));
		}
		return DataBufferUtils.join(response.getBody(), BUFFERED_BODY_LIMIT).map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		})
			.defaultIfEmpty(NO_BYTES)
			.<ClientHttpResponse>map((bytes) -> new ConnectorClientHttpResponse(response, bytes))
			// A failure while reading the body reaches the caller as a streamed body's
			// would: an I/O failure.
			.onErrorMap((ex) -> !(ex instanceof IOException), (ex) -> new IOException(
					"Reading the body of the response to " + this.method + " " + this.uri + " failed", ex));
	}

	// Called once per attempt: a retry by the connector writes the same headers and bytes
	// again.
	private static Mono<Void> write(ClientHttpRequest request, HttpHeaders headers, byte[] body) {
		request.getHeaders().putAll(headers);
		if (body.length == 0) {
			return request.setComplete();
		}
		return request.writeWith(Mono.fromSupplier(() -> request.bufferFactory().wrap(body)));
	}

	private ClientHttpResponse await(Awaited response) throws IOException {
		try {
			return response.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			// Giving up cancels the exchange, which releases its connection.
			response.giveUp();
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while waiting for " + this.method + " " + this.uri);
		}
		catch (TimeoutException ex) {
			response.giveUp();
			throw new SocketTimeoutException("No outcome for " + this.method + " " + this.uri + " within "
					+ this.timeout.toMillis() + " ms, beyond every timeout of its attempts (checkout.mtls.http.*)"
					+ " and checkout.mtls.retry.deadline");
		}
		catch (ExecutionException ex) {
			throw rethrow(ex.getCause());
		}
	}

	/**
	 * The response the calling thread waits for. Once it gave up, the exchange is
	 * cancelled, and a response that arrives all the same (in the instant between the
	 * two, or because the connector had it already) is let go of, never left holding its
	 * connection.
	 */
	static final class Awaited extends CompletableFuture<ClientHttpResponse>
			implements CoreSubscriber<ClientHttpResponse> {

		private volatile @Nullable Subscription subscription;

		@Override
		public void onSubscribe(Subscription subscription) {
			this.subscription = subscription;
			if (isCancelled()) {
				subscription.cancel();
				return;
			}
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(ClientHttpResponse response) {
			if (!complete(response)) {
				discard(response);
			}
		}

		@Override
		public void onError(Throwable failure) {
			completeExceptionally(failure);
		}

		@Override
		public void onComplete() {
			// After the response, as almost always: nothing to do, and no exception
			// (with its stack trace) built for nothing.
			if (!isDone()) {
				completeExceptionally(new IOException("The connector completed without a response"));
			}
		}

		void giveUp() {
			if (!cancel(true)) {
				// Completed already: nobody will read it.
				ClientHttpResponse late = isCompletedExceptionally() ? null : getNow(null);
				if (late != null) {
					discard(late);
				}
			}
			Subscription current = this.subscription;
			if (current != null) {
				current.cancel();
			}
		}

		private static void discard(ClientHttpResponse response) {
			if (response instanceof ConnectorClientHttpResponse connector) {
				connector.discard();
			}
			else {
				response.close();
			}
		}

	}

	// The connector's own exceptions (a refused certificate, a replaced identity) reach
	// the caller as they are.
	private static IOException rethrow(Throwable failure) {
		if (failure instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (failure instanceof Error error) {
			throw error;
		}
		if (failure instanceof IOException io) {
			return io;
		}
		return new IOException(failure.getMessage(), failure);
	}

}
