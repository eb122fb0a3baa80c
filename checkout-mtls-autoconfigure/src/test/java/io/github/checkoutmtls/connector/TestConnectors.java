package io.github.checkoutmtls.connector;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import io.github.checkoutmtls.identity.ClientIdentity;
import reactor.netty.resources.ConnectionProvider;

/**
 * Connectors for tests of other packages, with the settings those tests use.
 */
public final class TestConnectors {

	private TestConnectors() {
	}

	/**
	 * Returns a connector of up to four connections presenting the identity.
	 * @param identity the identity
	 * @param responseTimeout time allowed for a response
	 * @param trustCertificates CAs trusted for the server's certificate; empty for the
	 * JVM's trust store
	 * @return the connector, to destroy after use
	 */
	public static CheckoutMtlsConnector presenting(ClientIdentity identity, Duration responseTimeout,
			List<X509Certificate> trustCertificates) {
		return new CheckoutMtlsConnector(identity, settings(responseTimeout, trustCertificates));
	}

	/**
	 * Returns a pool that is not behind a {@link CheckoutMtlsConnector}, presenting the
	 * identity.
	 * @param identity the identity
	 * @param trustCertificates CAs trusted for the server's certificate
	 * @return the connector, to close after use
	 */
	public static PlainConnector plain(ClientIdentity identity, List<X509Certificate> trustCertificates) {
		return PlainConnector.presenting(identity, settings(Duration.ofSeconds(10), trustCertificates));
	}

	/**
	 * Returns a connector presenting the identity whose pool is the given connector, with
	 * no network beneath it: a test then decides what each request gets, and when.
	 * @param identity the identity
	 * @param answering answers every request
	 * @return the connector, to destroy after use
	 */
	public static CheckoutMtlsConnector over(ClientIdentity identity, ReactorClientHttpConnector answering) {
		return new CheckoutMtlsConnector(identity,
				(presented) -> new PooledConnector(presented, answering, ConnectionProvider.newConnection()));
	}

	private static ConnectorSettings settings(Duration responseTimeout, List<X509Certificate> trustCertificates) {
		return new ConnectorSettings(Duration.ofSeconds(5), responseTimeout, 4, Duration.ofSeconds(30),
				Duration.ofMinutes(1), trustCertificates);
	}

	/**
	 * Returns a connector whose every pool build (the first and each swap's) first runs
	 * the hook, which may throw what a real build can: e.g. the
	 * {@link UnsatisfiedLinkError} of a TLS provider's native library.
	 * @param identity the first identity
	 * @param beforeBuild runs before each build
	 * @return the connector, to destroy after use
	 */
	public static CheckoutMtlsConnector buildingWith(ClientIdentity identity, Consumer<ClientIdentity> beforeBuild) {
		ReactorNettyConnectorFactory real = new ReactorNettyConnectorFactory(
				new ConnectorSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 4, Duration.ofSeconds(30),
						Duration.ofMinutes(1), List.of()));
		return new CheckoutMtlsConnector(identity, (presented) -> {
			beforeBuild.accept(presented);
			return real.create(presented);
		});
	}

}
