package io.github.checkoutmtls.connector;

import org.springframework.http.client.reactive.ClientHttpConnector;

import io.github.checkoutmtls.identity.ClientIdentity;

/**
 * A connector over a pool of its own that always presents one identity: unlike
 * {@link CheckoutMtlsConnector} it sends a request pinned to another identity, for tests
 * of what the server answers then.
 */
public final class PlainConnector implements AutoCloseable {

	private final PooledConnector pooled;

	private PlainConnector(PooledConnector pooled) {
		this.pooled = pooled;
	}

	/**
	 * Creates a connector presenting the identity.
	 * @param identity the identity every connection presents
	 * @param settings the pool's settings
	 * @return the connector, to close after use
	 */
	public static PlainConnector presenting(ClientIdentity identity, ConnectorSettings settings) {
		return new PlainConnector(new ReactorNettyConnectorFactory(settings).create(identity));
	}

	/**
	 * Returns the connector over the pool.
	 * @return the connector
	 */
	public ClientHttpConnector connector() {
		return this.pooled.connector();
	}

	@Override
	public void close() {
		this.pooled.pool().dispose();
	}

}
