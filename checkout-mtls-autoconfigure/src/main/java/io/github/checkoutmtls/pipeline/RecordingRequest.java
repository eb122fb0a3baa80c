package io.github.checkoutmtls.pipeline;

import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

import org.reactivestreams.Publisher;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The request of a first attempt, as the caller's callback writes it: completes its
 * headers (idempotency key, bearer token) just before they are committed, and keeps a
 * copy of the exact bytes written, up to a limit, so that a repeat sends the same request
 * whatever produced the body (a one-shot stream, a filter that rewrote it).
 */
final class RecordingRequest extends ClientHttpRequestDecorator {

	private final Consumer<ClientHttpRequest> beforeWrite;

	private final long limit;

	private final Consumer<RecordedRequest> recorded;

	/**
	 * Creates a recording request.
	 * @param delegate the connection's request
	 * @param beforeWrite completes the headers once the callback has set its own
	 * @param limit how many body bytes may be kept; a longer body is sent but not kept
	 * @param recorded told about the request once it was written in full and kept
	 */
	RecordingRequest(ClientHttpRequest delegate, Consumer<ClientHttpRequest> beforeWrite, long limit,
			Consumer<RecordedRequest> recorded) {
		super(delegate);
		this.beforeWrite = beforeWrite;
		this.limit = limit;
		this.recorded = recorded;
	}

	@Override
	public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
		this.beforeWrite.accept(this);
		Copy copy = new Copy(this.limit);
		// A single buffer stays a Mono: Reactor Netty then sends it with a
		// Content-Length.
		if (body instanceof Mono<? extends DataBuffer> single) {
			return super.writeWith(single.doOnNext(copy::append).doOnSuccess((buffer) -> copy.complete(this)));
		}
		return super.writeWith(Flux.from(body).doOnNext(copy::append).doOnComplete(() -> copy.complete(this)));
	}

	@Override
	public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
		// A streamed body is sent as it comes and never kept: such a request is not sent
		// again once written.
		this.beforeWrite.accept(this);
		return super.writeAndFlushWith(body);
	}

	@Override
	public Mono<Void> setComplete() {
		this.beforeWrite.accept(this);
		this.recorded.accept(RecordedRequest.of(getHeaders(), getCookies(), null));
		return super.setComplete();
	}

	/**
	 * The body bytes seen so far, or none once the body outgrew the limit.
	 */
	private final class Copy {

		private final long limit;

		private ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		Copy(long limit) {
			this.limit = limit;
		}

		void append(DataBuffer buffer) {
			if (this.bytes == null) {
				return;
			}
			int count = buffer.readableByteCount();
			if (this.bytes.size() + (long) count > this.limit) {
				this.bytes = null;
				return;
			}
			byte[] chunk = new byte[count];
			int position = buffer.readPosition();
			buffer.read(chunk);
			buffer.readPosition(position);
			this.bytes.write(chunk, 0, count);
		}

		void complete(ClientHttpRequest request) {
			if (this.bytes != null) {
				RecordingRequest.this.recorded
					.accept(RecordedRequest.of(request.getHeaders(), request.getCookies(), this.bytes.toByteArray()));
			}
		}

	}

}
