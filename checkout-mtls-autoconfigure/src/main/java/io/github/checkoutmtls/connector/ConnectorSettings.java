package io.github.checkoutmtls.connector;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the HTTP client that do not change when the client certificate does.
 *
 * @param connectTimeout time allowed to establish a TCP connection
 * @param responseTimeout time allowed for a response
 * @param maxConnections maximum number of pooled connections
 * @param maxIdleTime time after which an idle pooled connection is closed
 * @param maxLifeTime time after which a pooled connection is closed
 * @param trustCertificates CAs trusted for the server's certificate; empty for the JVM's
 * trust store
 * @param tlsProvider the TLS implementation; every pool, including those built on
 * rotation, uses it
 * @param proxy the egress proxy, or {@code null} for the JVM's {@code https.proxyHost}
 * and {@code https.proxyPort} system properties, when set, and {@code http.nonProxyHosts}
 */
public record ConnectorSettings(Duration connectTimeout, Duration responseTimeout, int maxConnections,
		Duration maxIdleTime, Duration maxLifeTime, List<X509Certificate> trustCertificates, TlsProvider tlsProvider,
		EgressProxy proxy) {

	/**
	 * Creates settings, copying the trust certificates.
	 */
	public ConnectorSettings {
		trustCertificates = List.copyOf(trustCertificates);
		tlsProvider = (tlsProvider != null) ? tlsProvider : TlsProvider.AUTO;
	}

	/**
	 * Creates settings that take the egress proxy from the JVM's system properties.
	 * @param connectTimeout time allowed to establish a TCP connection
	 * @param responseTimeout time allowed for a response
	 * @param maxConnections maximum number of pooled connections
	 * @param maxIdleTime time after which an idle pooled connection is closed
	 * @param maxLifeTime time after which a pooled connection is closed
	 * @param trustCertificates CAs trusted for the server's certificate; empty for the
	 * JVM's trust store
	 * @param tlsProvider the TLS implementation
	 */
	public ConnectorSettings(Duration connectTimeout, Duration responseTimeout, int maxConnections,
			Duration maxIdleTime, Duration maxLifeTime, List<X509Certificate> trustCertificates,
			TlsProvider tlsProvider) {
		this(connectTimeout, responseTimeout, maxConnections, maxIdleTime, maxLifeTime, trustCertificates, tlsProvider,
				null);
	}

	/**
	 * Creates settings with the {@link TlsProvider#AUTO automatic} TLS provider.
	 * @param connectTimeout time allowed to establish a TCP connection
	 * @param responseTimeout time allowed for a response
	 * @param maxConnections maximum number of pooled connections
	 * @param maxIdleTime time after which an idle pooled connection is closed
	 * @param maxLifeTime time after which a pooled connection is closed
	 * @param trustCertificates CAs trusted for the server's certificate; empty for the
	 * JVM's trust store
	 */
	public ConnectorSettings(Duration connectTimeout, Duration responseTimeout, int maxConnections,
			Duration maxIdleTime, Duration maxLifeTime, List<X509Certificate> trustCertificates) {
		this(connectTimeout, responseTimeout, maxConnections, maxIdleTime, maxLifeTime, trustCertificates,
				TlsProvider.AUTO);
	}

}
