package io.github.checkoutmtls.connector;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
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

	/**
	 * Creates a connector presenting the given identity.
	 * @param identity the client identity, already checked
	 * @param factory builds the Reactor Netty connector for an identity
	 */
	public CheckoutMtlsConnector(ClientIdentity identity, ReactorNettyConnectorFactory factory) {
		this.factory = factory;
		this.current = new AtomicReference<>(factory.create(identity));
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
		// A swap can close the pool between reading it and acquiring a connection: nothing was sent yet.
		return pooled.connector()
			.connect(method, uri, requestCallback)
			.onErrorResume((ex) -> isPoolShutdown(ex) && this.current.get() != pooled,
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
