package io.github.checkoutmtls.connector;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector.ConnectionPoolUsage;
import io.github.checkoutmtls.connector.ConnectorSettings.EgressProxy;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.transport.ProxyProvider;

/**
 * Builds a Reactor Netty connector, with its own connection pool, for a client identity.
 */
final class ReactorNettyConnectorFactory {

	private static final AtomicInteger poolCount = new AtomicInteger();

	private final ConnectorSettings settings;

	private final UnaryOperator<HttpClient> customizer;

	/**
	 * Creates a factory.
	 * @param settings the connection settings
	 */
	ReactorNettyConnectorFactory(ConnectorSettings settings) {
		this(settings, UnaryOperator.identity());
	}

	/**
	 * Creates a factory that lets the caller adjust each {@link HttpClient} it builds,
	 * e.g. to add a wiretap or metrics.
	 * @param settings the connection settings
	 * @param customizer applied to every client after the starter's settings
	 */
	ReactorNettyConnectorFactory(ConnectorSettings settings, UnaryOperator<HttpClient> customizer) {
		this.settings = settings;
		this.customizer = customizer;
	}

	/**
	 * Checks, without building anything, that a TLS provider asked for by name is
	 * available.
	 * @throws TlsProviderUnavailableException when {@code openssl} was asked for and
	 * netty-tcnative is missing
	 */
	void requireProvider() {
		if (this.settings.tlsProvider() == TlsProvider.OPENSSL) {
			ClientSslContextFactory.resolve(TlsProvider.OPENSSL);
		}
	}

	/**
	 * Builds a connector, and a new pool, presenting the identity.
	 * @param identity the client identity
	 * @return the connector and its pool
	 */
	PooledConnector create(ClientIdentity identity) {
		SslContext sslContext = ClientSslContextFactory.create(identity, this.settings.trustCertificates(),
				this.settings.tlsProvider());
		ConnectionPoolUsage usage = new ConnectionPoolUsage();
		ConnectionProvider pool = ConnectionProvider.builder("checkout-mtls-" + poolCount.incrementAndGet())
			.maxConnections(this.settings.maxConnections())
			// Reactor Netty's default queue (2 x max connections) fails bursts outright;
			// waiting requests stay bounded by the pending-acquire timeout instead.
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(this.settings.maxIdleTime())
			.maxLifeTime(this.settings.maxLifeTime())
			.evictInBackground(this.settings.maxIdleTime())
			// A replaced pool waits this long for in-flight requests before closing their
			// connections.
			.disposeTimeout(this.settings.responseTimeout().plus(Duration.ofSeconds(5)))
			.metrics(true, () -> usage)
			.build();
		HttpClient client = HttpClient.create(pool)
			.secure((spec) -> spec.sslContext(sslContext)
				.handlerConfigurator(ReactorNettyConnectorFactory::verifyHostname))
			.doOnChannelInit((observer, channel, remoteAddress) -> TlsActivity.install(channel))
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(this.settings.connectTimeout().toMillis()))
			.responseTimeout(this.settings.responseTimeout())
			// The request pipeline owns every repeat of a request: Reactor Netty's own
			// silent retry would resend it outside the attempt budget, without the
			// pipeline knowing it was written twice.
			.disableRetry(true);
		client = proxy(client, this.settings.proxy());
		return new PooledConnector(identity, new NettyConnector(this.customizer.apply(client)), pool, usage);
	}

	// Reactor Netty tunnels https through an HTTP proxy with CONNECT, so the TLS session
	// stays end to end.
	private static HttpClient proxy(HttpClient client, EgressProxy proxy) {
		if (proxy == null) {
			return client.proxyWithSystemProperties();
		}
		return client.proxy((spec) -> {
			ProxyProvider.Builder builder = spec.type(ProxyProvider.Proxy.HTTP).host(proxy.host()).port(proxy.port());
			if (proxy.nonProxyHostsPattern() != null) {
				builder.nonProxyHosts(proxy.nonProxyHostsPattern());
			}
			if (proxy.username() != null) {
				builder.username(proxy.username()).password((username) -> proxy.password());
			}
		});
	}

	// Set explicitly rather than relying on Reactor Netty's default, which a custom
	// configurator replaces.
	private static void verifyHostname(SslHandler handler) {
		SSLEngine engine = handler.engine();
		SSLParameters parameters = engine.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		engine.setSSLParameters(parameters);
	}

}
