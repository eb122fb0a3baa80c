package io.github.checkoutmtls.restclient;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.mock.http.client.reactive.MockClientHttpResponse;

import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adversarial tests of the blocking bridge: a response that arrives as the waiting thread
 * gives up.
 */
class AdversarialConnectorClientHttpRequestFactoryTests {

	private static final URI URI_ = URI.create("https://localhost:1/payments/pay_1");

	private final NettyDataBufferFactory buffers = new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT);

	// A response that completes the wait just after it timed out, before the exchange
	// is cancelled, is nobody's: it is let go of (a streamed body released), never left
	// holding its buffers and its pooled connection.
	@Test
	void responseArrivingAsTheWaitTimesOutIsReleased() throws Exception {
		List<Late> leaks = new ArrayList<>();
		int timedOut = 0;
		for (int i = 0; i < 40; i++) {
			Late late = new Late(Thread.currentThread(), this.buffers);
			ConnectorClientHttpRequestFactory factory = new ConnectorClientHttpRequestFactory(late,
					Duration.ofMillis(10));
			try (ClientHttpResponse response = factory.createRequest(URI_, HttpMethod.GET).execute()) {
				// answered in time: closing it reads the body
			}
			catch (IOException ex) {
				timedOut++;
				late.responder.join();
				if (late.leaked()) {
					leaks.add(late);
				}
				continue;
			}
			late.responder.join();
			assertThat(late.body.getNativeBuffer().refCnt()).as("answered in time and closed").isZero();
		}
		assertThat(leaks).as("responses emitted after a timeout (of %d) never released nor cancelled", timedOut)
			.isEmpty();
	}

	/**
	 * A connection that answers the moment the waiting caller wakes up from its timed
	 * wait, unless it was cancelled before.
	 */
	static final class Late implements ClientHttpConnector {

		private final Thread caller;

		private final NettyDataBuffer body;

		volatile Thread responder;

		volatile boolean cancelled;

		volatile boolean emitted;

		volatile boolean cancelledAfterEmit;

		Late(Thread caller, NettyDataBufferFactory buffers) {
			this.caller = caller;
			this.body = (NettyDataBuffer) buffers.wrap("{\"id\":\"pay_1\"}".getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public String toString() {
			return "emitted after timeout, cancelled=" + this.cancelled + ", body refCnt="
					+ this.body.getNativeBuffer().refCnt();
		}

		boolean leaked() {
			// Strictly: never cancelled at all, before or after the response.
			return this.emitted && !this.cancelled && this.body.getNativeBuffer().refCnt() > 0;
		}

		@Override
		public Mono<org.springframework.http.client.reactive.ClientHttpResponse> connect(HttpMethod method, URI uri,
				java.util.function.Function<? super org.springframework.http.client.reactive.ClientHttpRequest, Mono<Void>> requestCallback) {
			return new Mono<>() {

				@Override
				public void subscribe(
						CoreSubscriber<? super org.springframework.http.client.reactive.ClientHttpResponse> actual) {
					actual.onSubscribe(new Subscription() {

						@Override
						public void request(long n) {
						}

						@Override
						public void cancel() {
							if (Late.this.emitted) {
								// Spring's connector releases a response it gave when
								// cancelled after it.
								Late.this.cancelledAfterEmit = true;
							}
							Late.this.cancelled = true;
						}

					});
					Late.this.responder = new Thread(() -> {
						long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
						while (Late.this.caller.getState() != Thread.State.TIMED_WAITING
								&& System.nanoTime() - until < 0) {
							Thread.onSpinWait();
						}
						while (Late.this.caller.getState() == Thread.State.TIMED_WAITING
								&& System.nanoTime() - until < 0) {
							Thread.onSpinWait();
						}
						if (Late.this.cancelled) {
							// Never answered: nothing to release.
							Late.this.body.release();
							return;
						}
						MockClientHttpResponse response = new MockClientHttpResponse(HttpStatus.OK);
						response.setBody(Flux.<DataBuffer>just(Late.this.body));
						Late.this.emitted = true;
						actual.onNext(response);
						actual.onComplete();
					});
					Late.this.responder.start();
				}

			};
		}

	}

}
