package io.github.checkoutmtls.pipeline;

import java.io.ByteArrayOutputStream;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;

/**
 * The request of a first attempt, as the caller's callback writes it: completes its
 * headers (idempotency key, bearer token) just before they are committed, and keeps a
 * copy of the exact bytes written, up to a limit, so that a repeat sends the same request
 * whatever produced the body (a one-shot stream, a filter that rewrote it). A request
 * that can never be sent again once written is not kept.
 */
final class RecordingRequest extends ClientHttpRequestDecorator {

	private final Listener listener;

	private final long limit;

	private final boolean keep;

	// Plain fields: the callback calls the request's methods one after the other.
	// Whether the headers were completed: once, by the first method that writes.
	private boolean headersCompleted;

	// Whether a body was written (or is being written): a setComplete after it sends
	// nothing more, and must not replace its recording.
	private boolean bodyWritten;

	// Whether anything of the request may have been sent once its body started: the
	// headers with a single buffer's body, or before a body of many (but that of a GET,
	// HEAD or DELETE, sent whole once it ended).
	private boolean bodyStarted;

	/**
	 * Creates a recording request.
	 * @param delegate the connection's request
	 * @param listener completes the headers once the callback has set its own, and is
	 * told about the request once it was written in full and kept
	 * @param limit how many body bytes may be kept; a longer body is sent but not kept
	 * @param keep whether the request is kept at all: not when it can never be sent again
	 * once written
	 */
	RecordingRequest(ClientHttpRequest delegate, Listener listener, long limit, boolean keep) {
		super(delegate);
		this.listener = listener;
		this.limit = limit;
		this.keep = keep;
	}

	@Override
	public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
		completeHeaders();
		this.bodyWritten = true;
		Copy copy = this.keep ? new Copy(this.limit) : null;
		// A single buffer stays a Mono: Reactor Netty then sends it with a
		// Content-Length.
		if (body instanceof Mono<? extends DataBuffer> single) {
			return super.writeWith(single.doOnEach((signal) -> observe(signal, copy, true, true)));
		}
		// Reactor Netty 1.3 (HttpClientOperations.send) collects the body of many
		// buffers of a GET, HEAD or DELETE, and sends nothing before it ends; of any
		// other method, it sends the headers before the first buffer: something may have
		// been sent whenever such a body fails.
		boolean collected = HttpMethod.GET.equals(getMethod()) || HttpMethod.HEAD.equals(getMethod())
				|| HttpMethod.DELETE.equals(getMethod());
		if (!collected) {
			this.bodyStarted = true;
		}
		return super.writeWith(Flux.from(body).doOnEach((signal) -> observe(signal, copy, false, !collected)));
	}

	// What the caller's body does: each buffer is kept (when the request is), its end
	// completes the recording, and its failure is told apart from the connection's. A
	// single buffer completes it before it is sent, so that a decision on an early
	// answer, on the connection's thread, finds it recorded.
	private void observe(Signal<? extends DataBuffer> signal, @Nullable Copy copy, boolean single,
			boolean sentAsItComes) {
		if (signal.isOnNext()) {
			if (copy != null) {
				copy.append(signal.get());
				if (single) {
					copy.complete(this);
				}
			}
			// After the copy: a buffer that cannot be copied never reaches the wire
			if (sentAsItComes) {
				this.bodyStarted = true;
			}
		}
		else if (signal.isOnComplete()) {
			if (copy != null) {
				copy.complete(this);
			}
		}
		else if (signal.isOnError()) {
			this.listener.bodyFailed(signal.getThrowable(), this.bodyStarted);
		}
	}

	@Override
	public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
		// A streamed body is sent as it comes and never kept: such a request is not sent
		// again once written. Its failure counts as one after part of it was sent, since
		// Reactor Netty writes the headers before the first group.
		completeHeaders();
		this.bodyWritten = true;
		return super.writeAndFlushWith(Flux.from(body)
			.map((group) -> Flux.from(group).doOnError((ex) -> this.listener.bodyFailed(ex, true)))
			.doOnError((ex) -> this.listener.bodyFailed(ex, true)));
	}

	@Override
	public Mono<Void> setComplete() {
		completeHeaders();
		// After a body, the request is committed by that body's write: this sends
		// nothing, and the body's own recording (or none, for a body not kept) stands.
		if (this.keep && !this.bodyWritten) {
			this.listener.recorded(RecordedRequest.of(getHeaders(), getCookies(), null));
		}
		return super.setComplete();
	}

	private void completeHeaders() {
		if (!this.headersCompleted) {
			this.headersCompleted = true;
			this.listener.beforeWrite(this);
		}
	}

	/**
	 * Told what the first attempt writes.
	 */
	interface Listener {

		/**
		 * Completes the headers once the callback has set its own, before anything is
		 * written.
		 * @param first the request of the first attempt
		 */
		void beforeWrite(ClientHttpRequest first);

		/**
		 * Receives the request once it was written in full and kept.
		 * @param recording what a repeat sends
		 */
		void recorded(RecordedRequest recording);

		/**
		 * Told that the caller's own body failed, before the failure reaches the
		 * connection.
		 * @param failure the body's failure
		 * @param started whether the body had given anything to send before it failed
		 */
		void bodyFailed(Throwable failure, boolean started);

	}

	/**
	 * The body bytes seen so far, or none once the body outgrew the limit. A body of one
	 * buffer, the usual case, is copied once.
	 */
	private final class Copy {

		private final long limit;

		private byte @Nullable [] first;

		private @Nullable ByteArrayOutputStream more;

		private boolean outgrown;

		private boolean completed;

		Copy(long limit) {
			this.limit = limit;
		}

		void append(DataBuffer buffer) {
			if (this.outgrown) {
				return;
			}
			int count = buffer.readableByteCount();
			if (size() + (long) count > this.limit) {
				this.outgrown = true;
				this.first = null;
				this.more = null;
				return;
			}
			byte[] chunk = new byte[count];
			int position = buffer.readPosition();
			buffer.read(chunk);
			buffer.readPosition(position);
			if (this.first == null && this.more == null) {
				this.first = chunk;
				return;
			}
			if (this.more == null) {
				this.more = new ByteArrayOutputStream();
				this.more.write(this.first, 0, this.first.length);
				this.first = null;
			}
			this.more.write(chunk, 0, count);
		}

		private long size() {
			return (this.more != null) ? this.more.size() : (this.first != null) ? this.first.length : 0;
		}

		void complete(ClientHttpRequest request) {
			// Once: a single buffer completes it, and its body's end then changes nothing
			if (this.outgrown || this.completed) {
				return;
			}
			this.completed = true;
			byte[] body = (this.more != null) ? this.more.toByteArray()
					: (this.first != null) ? this.first : new byte[0];
			RecordingRequest.this.listener
				.recorded(RecordedRequest.of(request.getHeaders(), request.getCookies(), body));
		}

	}

}
