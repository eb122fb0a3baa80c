package io.github.checkoutmtls.connector;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;

import io.github.checkoutmtls.identity.ClientIdentity;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The connector behind {@code checkoutWebClient}: delegates each request to the connector of the
 * current client identity, held in an atomic reference so the identity can be replaced without a
 * restart. Reading it is one volatile read; nothing on the request path locks.
 *
 * <p>A request that carries something bound to one identity (a certificate-bound token) is pinned to
 * it with {@link #presenting(ClientIdentity)}: when that identity has been replaced by the time the
 * request is sent, it fails with {@link IdentityReplacedException} instead of presenting another
 * certificate.
 */
public final class CheckoutMtlsConnector implements ClientHttpConnector, DisposableBean {

	private static final Object PRESENTING = CheckoutMtlsConnector.class.getName() + ".presenting";

	private final ReactorNettyConnectorFactory factory;

	private final AtomicReference<PooledConnector> current;

	// Called between reading the current pool and acquiring from it: where a swap can overtake a request.
	private final Consumer<PooledConnector> poolRead;

	/**
	 * Creates a connector presenting the given identity.
	 * @param identity the client identity, already checked
	 * @param factory builds the Reactor Netty connector for an identity
	 */
	public CheckoutMtlsConnector(ClientIdentity identity, ReactorNettyConnectorFactory factory) {
		this(identity, factory, (pooled) -> {
		});
	}

	CheckoutMtlsConnector(ClientIdentity identity, ReactorNettyConnectorFactory factory,
			Consumer<PooledConnector> poolRead) {
		this.factory = factory;
		this.current = new AtomicReference<>(factory.create(identity));
		this.poolRead = poolRead;
	}

	/**
	 * Returns a Reactor context that pins the requests subscribed with it to an identity's leaf.
	 * @param identity the identity the requests must present
	 * @return the context to write, e.g. with {@code contextWrite}
	 */
	public static ContextView presenting(ClientIdentity identity) {
		return Context.of(PRESENTING, identity);
	}

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		return Mono.deferContextual((context) -> connect(context.getOrDefault(PRESENTING, null), method, uri,
				requestCallback));
	}

	private Mono<ClientHttpResponse> connect(ClientIdentity pinned, HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		PooledConnector pooled = this.current.get();
		if (pinned != null && !pinned.thumbprint().equals(pooled.identity().thumbprint())) {
			return Mono.error(new IdentityReplacedException(pinned, pooled.identity()));
		}
		this.poolRead.accept(pooled);
		// A swap can overtake the request between reading the pool and writing to a connection: the old pool may
		// then be closed, or Reactor Netty may even open a new connection for it on the disposed provider,
		// presenting the replaced certificate. Checked once the connection is there, before anything is written.
		return pooled.connector()
			.connect(method, uri, (request) -> (this.current.get() != pooled)
					? Mono.error(new IdentityReplacedException(pooled.identity(), this.current.get().identity()))
					: requestCallback.apply(request))
			.onErrorResume((ex) -> this.current.get() != pooled && (isPoolShutdown(ex)
					|| (pinned == null && IdentityReplacedException.isCauseOf(ex))),
					(ex) -> connect(pinned, method, uri, requestCallback));
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
	 * Returns the identity that requests started now present.
	 * @return the current identity
	 */
	public ClientIdentity identity() {
		return this.current.get().identity();
	}

	/**
	 * Returns how busy the current connection pool is.
	 * @return the current pool's usage
	 */
	public ConnectionPoolUsage poolUsage() {
		return this.current.get().usage();
	}

	/**
	 * Switches to a new identity: requests started after this returns use a new pool presenting it;
	 * the old pool lets its in-flight requests finish, then closes.
	 * @param identity the new identity, already checked
	 * @return the identity it replaced
	 */
	public ClientIdentity swap(ClientIdentity identity) {
		PooledConnector previous = this.current.getAndSet(this.factory.create(identity));
		previous.pool().disposeLater().subscribe();
		return previous.identity();
	}

	@Override
	public void destroy() {
		this.current.get().pool().dispose();
	}

}
