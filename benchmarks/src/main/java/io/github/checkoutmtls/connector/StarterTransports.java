package io.github.checkoutmtls.connector;

import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * Reaches the Reactor Netty connector beneath a {@link CheckoutMtlsConnector}'s current
 * pool, so a benchmark can send a plain client's requests over the starter's own
 * transport and tell the transport's cost from the connector's and the pipeline's.
 */
public final class StarterTransports {

	private StarterTransports() {
	}

	/**
	 * Returns a Reactor Netty connector built like a plain client's, plus one of the
	 * starter's transport settings, to tell which of them costs throughput.
	 * @param sslContext the client's TLS context
	 * @param maxConnections the pool's size
	 * @param feature {@code none}, {@code metrics}, {@code evict}, {@code activity} or
	 * {@code options}
	 * @return the connector
	 */
	public static ClientHttpConnector variant(io.netty.handler.ssl.SslContext sslContext, int maxConnections,
			String feature) {
		reactor.netty.resources.ConnectionProvider.Builder pool = reactor.netty.resources.ConnectionProvider
			.builder("bench-" + feature)
			.maxConnections(maxConnections)
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(java.time.Duration.ofSeconds(30))
			.maxLifeTime(java.time.Duration.ofMinutes(10));
		if (feature.equals("metrics")) {
			pool.metrics(true, CheckoutMtlsConnector.ConnectionPoolUsage::new);
		}
		if (feature.equals("evict")) {
			pool.evictInBackground(java.time.Duration.ofSeconds(30)).disposeTimeout(java.time.Duration.ofSeconds(65));
		}
		reactor.netty.http.client.HttpClient client = reactor.netty.http.client.HttpClient.create(pool.build())
			.secure((spec) -> spec.sslContext(sslContext).handlerConfigurator((handler) -> {
				javax.net.ssl.SSLParameters parameters = handler.engine().getSSLParameters();
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
				handler.engine().setSSLParameters(parameters);
			}))
			.responseTimeout(java.time.Duration.ofSeconds(60));
		if (feature.equals("activity")) {
			client = client.doOnChannelInit((observer, channel, remoteAddress) -> TlsActivity.install(channel));
		}
		if (feature.equals("options")) {
			client = client.option(io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
				.disableRetry(true)
				.proxyWithSystemProperties();
		}
		return new org.springframework.http.client.reactive.ReactorClientHttpConnector(client);
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
