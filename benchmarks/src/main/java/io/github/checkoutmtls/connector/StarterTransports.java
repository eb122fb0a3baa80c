package io.github.checkoutmtls.connector;

import org.springframework.http.client.reactive.ClientHttpConnector;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Reaches the Reactor Netty connector beneath a {@link CheckoutMtlsConnector}'s current
 * pool, so a benchmark can send a plain client's requests over the starter's own
 * transport and tell the transport's cost from the connector's and the pipeline's.
 */
public final class StarterTransports {

	private StarterTransports() {
	}

	/**
	 * Adds the starter's TLS-activity handler to every connection of a client, as the
	 * starter's own transport does.
	 * @param client the client
	 * @return the client with the handler
	 */
	public static HttpClient withTlsActivity(HttpClient client) {
		return client.doOnChannelInit((observer, channel, remoteAddress) -> TlsActivity.install(channel));
	}

	/**
	 * Returns pool metrics read the way the starter reads them, without Micrometer.
	 * @return a registrar like the starter's
	 */
	public static ConnectionProvider.MeterRegistrar poolUsage() {
		return new CheckoutMtlsConnector.ConnectionPoolUsage();
	}

	/**
	 * Returns the Reactor Netty connector of the connector's current pool, waiting for
	 * the pool to be built.
	 * @param connector the starter's connector
	 * @return the connector over its pool, with no swap check and no pipeline above it
	 */
	public static ClientHttpConnector transportOf(CheckoutMtlsConnector connector) {
		return connector.pool().pooled().join().connector();
	}

}
