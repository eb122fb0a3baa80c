package io.github.checkoutmtls.connector;

import java.net.URI;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector.Pool;
import io.github.checkoutmtls.identity.ClientIdentity;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * One request on one pool. Its write callback refuses to write once a swap replaced the
 * pool: the old pool may then be closed, or Reactor Netty may even open a new connection
 * for it on the disposed provider, presenting the replaced certificate. A request that
 * fails because of the swap (the pool shut down, or, unpinned, the write refused) starts
 * over on the new pool. One subscriber per request does both, in place of an error
 * operator and its lambdas, since this runs for every request.
 */
final class OnPool extends Mono<ClientHttpResponse> implements Function<ClientHttpRequest, Mono<Void>> {

	private final CheckoutMtlsConnector connector;

	private final Pool pool;

	private final PooledConnector pooled;

	private final @Nullable ClientIdentity pinned;

	private final HttpMethod method;

	private final URI uri;

	private final Function<? super ClientHttpRequest, Mono<Void>> requestCallback;

	OnPool(CheckoutMtlsConnector connector, Pool pool, PooledConnector pooled, @Nullable ClientIdentity pinned,
			HttpMethod method, URI uri, Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		this.connector = connector;
		this.pool = pool;
		this.pooled = pooled;
		this.pinned = pinned;
		this.method = method;
		this.uri = uri;
		this.requestCallback = requestCallback;
	}

	@Override
	public void subscribe(CoreSubscriber<? super ClientHttpResponse> actual) {
		this.pooled.connector().connect(this.method, this.uri, this).subscribe(new Resuming(actual));
	}

	@Override
	public Mono<Void> apply(ClientHttpRequest request) {
		return writeIfCurrent(this.connector, this.pool, this.requestCallback, request);
	}

	// Checked once the connection is there, before anything is written.
	static Mono<Void> writeIfCurrent(CheckoutMtlsConnector connector, Pool pool,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback, ClientHttpRequest request) {
		Pool now = connector.pool();
		if (now == pool) {
			return requestCallback.apply(request);
		}
		return Mono.error(
				now.isClosed() ? Pool.closedFailure() : new IdentityReplacedException(pool.identity(), now.identity()));
	}

	private boolean startsOver(Throwable failure) {
		return this.connector.pool() != this.pool
				&& (isPoolShutdown(failure) || (this.pinned == null && IdentityReplacedException.isCauseOf(failure)));
	}

	private static boolean isPoolShutdown(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			// Reactor Netty shades reactor-pool, so the type is matched by name.
			if (t.getClass().getSimpleName().equals("PoolShutdownException")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The write callback of a pinned request whose caller starts it over itself
	 * ({@link CheckoutMtlsConnector#connectPresenting}): refuses to write once a swap
	 * replaced the pool.
	 */
	static final class Guard implements Function<ClientHttpRequest, Mono<Void>> {

		private final CheckoutMtlsConnector connector;

		private final Pool pool;

		private final Function<? super ClientHttpRequest, Mono<Void>> requestCallback;

		Guard(CheckoutMtlsConnector connector, Pool pool,
				Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
			this.connector = connector;
			this.pool = pool;
			this.requestCallback = requestCallback;
		}

		@Override
		public Mono<Void> apply(ClientHttpRequest request) {
			return writeIfCurrent(this.connector, this.pool, this.requestCallback, request);
		}

	}

	/**
	 * Passes the response on, or starts the request over on the new pool.
	 */
	private final class Resuming implements CoreSubscriber<ClientHttpResponse>, Subscription {

		private final CoreSubscriber<? super ClientHttpResponse> actual;

		// The first pool's subscription, then the new one's.
		private volatile @Nullable Subscription upstream;

		private volatile boolean requested;

		private volatile boolean cancelled;

		private boolean resumed;

		Resuming(CoreSubscriber<? super ClientHttpResponse> actual) {
			this.actual = actual;
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (this.resumed) {
				// Each side writes its own flag before it reads the other's, so a request
				// or cancel racing with the switch reaches the new subscription at least
				// once (twice is harmless: it emits at most one response).
				this.upstream = subscription;
				if (this.cancelled) {
					subscription.cancel();
				}
				else if (this.requested) {
					subscription.request(Long.MAX_VALUE);
				}
			}
			else if (Operators.validate(this.upstream, subscription)) {
				this.upstream = subscription;
				this.actual.onSubscribe(this);
			}
		}

		@Override
		public void onNext(ClientHttpResponse response) {
			this.actual.onNext(response);
		}

		@Override
		public void onError(Throwable failure) {
			if (this.resumed || !startsOver(failure)) {
				this.actual.onError(failure);
				return;
			}
			this.resumed = true;
			Mono<ClientHttpResponse> again;
			try {
				again = OnPool.this.connector.connect(OnPool.this.pinned, OnPool.this.method, OnPool.this.uri,
						OnPool.this.requestCallback, true);
			}
			catch (RuntimeException ex) {
				ex.addSuppressed(failure);
				this.actual.onError(ex);
				return;
			}
			again.subscribe(this);
		}

		@Override
		public void onComplete() {
			this.actual.onComplete();
		}

		@Override
		public void request(long n) {
			if (Operators.validate(n)) {
				this.requested = true;
				Subscription current = this.upstream;
				if (current != null) {
					current.request(n);
				}
			}
		}

		@Override
		public void cancel() {
			this.cancelled = true;
			Subscription current = this.upstream;
			if (current != null) {
				current.cancel();
			}
		}

	}

}
