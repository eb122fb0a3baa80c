package io.github.checkoutmtls.restclient;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;

import org.springframework.core.io.buffer.DataBuffer;
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
		if (body.length == 0 && withoutContent(this.method)) {
			// Spring's buffering request announces every body's length, an empty one's
			// too. A GET, HEAD or DELETE without a body goes without it: RFC 9110
			// (section 8.6) advises against the header where a method anticipates no
			// content, and Reactor Netty sends these three without it, as does Spring's
			// blocking Reactor Netty factory when no interceptor buffered the request. A
			// Content-Length of 0 that the caller set goes too: it cannot be told apart.
			// Any other method without a body still says 0.
			headers.remove(HttpHeaders.CONTENT_LENGTH);
		}
		Awaited response = new Awaited(this.method, this.uri);
		this.connector.connect(this.method, this.uri, (request) -> write(request, headers, body)).subscribe(response);
		return await(response);
	}

	private static boolean withoutContent(HttpMethod method) {
		return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.DELETE.equals(method);
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
	 * The response the calling thread waits for. A body of a known length up to
	 * {@link #BUFFERED_BODY_LIMIT} (a payment's JSON, say) is read on the connection's
	 * thread and handed over whole: the calling thread wakes up once, not once for the
	 * headers and again for the body, and the connection is back in its pool before it
	 * does. Any other body streams as it arrives. Once the caller gave up, the exchange
	 * is cancelled (a body being read with it), and a response that arrives all the same
	 * (in the instant between the two, or because the connector had it already) is let go
	 * of, never left holding its connection.
	 */
	static final class Awaited extends CompletableFuture<ConnectorClientHttpResponse>
			implements CoreSubscriber<org.springframework.http.client.reactive.ClientHttpResponse> {

		private final HttpMethod method;

		private final URI uri;

		private volatile @Nullable Subscription subscription;

		// The read of a small body, once started.
		private volatile @Nullable Subscription body;

		// Plain: written by onNext, read by onComplete, signals of the same publisher.
		private boolean received;

		Awaited(HttpMethod method, URI uri) {
			this.method = method;
			this.uri = uri;
		}

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
		public void onNext(org.springframework.http.client.reactive.ClientHttpResponse response) {
			this.received = true;
			if (isDone()) {
				// Given up already: nobody will read it.
				ConnectorClientHttpResponse.release(response);
				return;
			}
			try {
				long length = response.getHeaders().getContentLength();
				if (length < 0 || length > BUFFERED_BODY_LIMIT) {
					if (!complete(new ConnectorClientHttpResponse(response))) {
						ConnectorClientHttpResponse.release(response);
					}
					return;
				}
				response.getBody().subscribe(new SmallBody(response, (int) length));
			}
			catch (RuntimeException ex) {
				// A response this cannot take (a Content-Length that is no number, say):
				// the caller fails now, not when its wait runs out, since the connector
				// only logs what its subscriber throws.
				completeExceptionally(ex);
				ConnectorClientHttpResponse.release(response);
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
			if (!this.received) {
				completeExceptionally(new IOException("The connector completed without a response"));
			}
		}

		void giveUp() {
			if (!cancel(true)) {
				// Completed already: nobody will read it.
				ConnectorClientHttpResponse late = isCompletedExceptionally() ? null : getNow(null);
				if (late != null) {
					late.discard();
				}
			}
			Subscription current = this.subscription;
			if (current != null) {
				current.cancel();
			}
			Subscription reading = this.body;
			if (reading != null) {
				reading.cancel();
			}
		}

		/**
		 * Reads a small body into one array of its announced length, releasing each
		 * buffer as it is copied: one subscriber, where joining the buffers took a chain
		 * of operators and a composite buffer.
		 */
		private final class SmallBody implements CoreSubscriber<DataBuffer> {

			private final org.springframework.http.client.reactive.ClientHttpResponse response;

			private final int length;

			// Allocated with the first buffer: a response to HEAD, or a 304, announces a
			// length and sends nothing.
			private byte @Nullable [] bytes;

			private int filled;

			private boolean failed;

			SmallBody(org.springframework.http.client.reactive.ClientHttpResponse response, int length) {
				this.response = response;
				this.length = length;
			}

			@Override
			public void onSubscribe(Subscription subscription) {
				Awaited.this.body = subscription;
				if (isCancelled()) {
					subscription.cancel();
					return;
				}
				subscription.request(Long.MAX_VALUE);
			}

			@Override
			public void onNext(DataBuffer buffer) {
				if (this.failed) {
					DataBufferUtils.release(buffer);
					return;
				}
				IOException failure = null;
				try {
					int count = buffer.readableByteCount();
					if (count > this.length - this.filled) {
						failure = new IOException("The body of the response to " + Awaited.this.method + " "
								+ Awaited.this.uri + " is longer than its Content-Length of " + this.length + " bytes");
					}
					else if (count > 0) {
						if (this.bytes == null) {
							this.bytes = new byte[this.length];
						}
						buffer.read(this.bytes, this.filled, count);
						this.filled += count;
					}
				}
				catch (RuntimeException ex) {
					failure = new IOException("Reading the body of the response to " + Awaited.this.method + " "
							+ Awaited.this.uri + " failed", ex);
				}
				finally {
					DataBufferUtils.release(buffer);
				}
				if (failure != null) {
					this.failed = true;
					Subscription reading = Awaited.this.body;
					if (reading != null) {
						reading.cancel();
					}
					completeExceptionally(failure);
				}
			}

			@Override
			public void onError(Throwable failure) {
				if (this.failed) {
					return;
				}
				this.failed = true;
				// Reaches the caller as a streamed body's failure would: an I/O failure.
				completeExceptionally((failure instanceof IOException) ? failure
						: new IOException("Reading the body of the response to " + Awaited.this.method + " "
								+ Awaited.this.uri + " failed", failure));
			}

			@Override
			public void onComplete() {
				if (this.failed) {
					return;
				}
				// Shorter than announced only from a connector that does not check the
				// length (Reactor Netty fails such a body): what arrived is the body.
				byte[] read = (this.bytes == null) ? NO_BYTES
						: (this.filled == this.length) ? this.bytes : Arrays.copyOf(this.bytes, this.filled);
				// Read whole: nothing is left to let go of if the caller gave up
				// meanwhile.
				complete(new ConnectorClientHttpResponse(this.response, read));
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
