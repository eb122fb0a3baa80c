package io.github.checkoutmtls.connector;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import io.github.checkoutmtls.identity.ClientIdentity;
import reactor.netty.resources.ConnectionProvider;

/**
 * Builds a {@link CheckoutMtlsConnector} whose pool is an in-memory connector: the
 * pipeline's in-process benchmark measures everything above the transport, with no
 * network beneath it.
 */
public final class InMemoryConnectors {

	private InMemoryConnectors() {
	}

	/**
	 * Returns a connector presenting the identity over the given in-memory connector.
	 * @param identity the identity
	 * @param inMemory answers every request
	 * @return the connector
	 */
	public static CheckoutMtlsConnector over(ClientIdentity identity, ReactorClientHttpConnector inMemory) {
		return new CheckoutMtlsConnector(identity,
				(presented) -> new PooledConnector(presented, inMemory, ConnectionProvider.newConnection()));
	}

}
