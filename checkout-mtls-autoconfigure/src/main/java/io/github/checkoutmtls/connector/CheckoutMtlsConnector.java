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

/**
 * The connector behind {@code checkoutWebClient}: delegates each request to the connector of the
 * current client identity, held in an atomic reference so the identity can be replaced without a
 * restart. Reading it is one volatile read; nothing on the request path locks.
 */
public final class CheckoutMtlsConnector implements ClientHttpConnector, DisposableBean {

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

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		return this.current.get().connector().connect(method, uri, requestCallback);
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
