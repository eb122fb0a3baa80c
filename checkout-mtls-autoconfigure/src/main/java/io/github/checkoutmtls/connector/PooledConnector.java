package io.github.checkoutmtls.connector;

import org.springframework.http.client.reactive.ClientHttpConnector;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector.ConnectionPoolUsage;
import io.github.checkoutmtls.identity.ClientIdentity;
import reactor.netty.resources.ConnectionProvider;

/**
 * One client identity with the connector and connection pool that present it. Pools are
 * never shared between identities, so a connection opened with one certificate never
 * carries a request made after the switch to another.
 *
 * @param identity the identity the connections present
 * @param connector the connector over the pool
 * @param pool the connection pool, disposed when the identity is replaced
 * @param usage how busy the pool is
 */
record PooledConnector(ClientIdentity identity, ClientHttpConnector connector, ConnectionProvider pool,
		ConnectionPoolUsage usage) {

	/**
	 * Creates an instance whose pool reports no usage.
	 * @param identity the identity the connections present
	 * @param connector the connector over the pool
	 * @param pool the connection pool
	 */
	PooledConnector(ClientIdentity identity, ClientHttpConnector connector, ConnectionProvider pool) {
		this(identity, connector, pool, new ConnectionPoolUsage());
	}

}
