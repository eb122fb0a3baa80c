package io.github.checkoutmtls.connector;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
record ConnectorSettings(Duration connectTimeout, Duration responseTimeout, int maxConnections, Duration maxIdleTime,
		Duration maxLifeTime, List<X509Certificate> trustCertificates, TlsProvider tlsProvider, EgressProxy proxy) {

	/**
	 * Creates settings, copying the trust certificates.
	 */
	ConnectorSettings {
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
	ConnectorSettings(Duration connectTimeout, Duration responseTimeout, int maxConnections, Duration maxIdleTime,
			Duration maxLifeTime, List<X509Certificate> trustCertificates, TlsProvider tlsProvider) {
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
	ConnectorSettings(Duration connectTimeout, Duration responseTimeout, int maxConnections, Duration maxIdleTime,
			Duration maxLifeTime, List<X509Certificate> trustCertificates) {
		this(connectTimeout, responseTimeout, maxConnections, maxIdleTime, maxLifeTime, trustCertificates,
				TlsProvider.AUTO);
	}

	/**
	 * An HTTP proxy that connections to Checkout go through, with a {@code CONNECT}
	 * tunnel: TLS, and the client certificate, stay end to end between the client and
	 * Checkout. {@link #toString()} never shows the password.
	 *
	 * @param host the proxy's host
	 * @param port the proxy's port
	 * @param username the user name for the proxy's Basic authentication, or {@code null}
	 * @param password the password for the proxy's Basic authentication, or {@code null}
	 * @param nonProxyHosts hosts reached directly, as in {@code http.nonProxyHosts}:
	 * {@code *} wildcards at either end, such as {@code localhost} or {@code *.internal}
	 */
	record EgressProxy(String host, int port, String username, String password, List<String> nonProxyHosts) {

		/**
		 * Creates a proxy, copying the non-proxy hosts.
		 */
		EgressProxy {
			nonProxyHosts = (nonProxyHosts != null) ? List.copyOf(nonProxyHosts) : List.of();
		}

		/**
		 * Returns the non-proxy hosts as one regular expression, or {@code null} when
		 * there are none.
		 * @return the expression, matched against the whole host name
		 */
		String nonProxyHostsPattern() {
			if (this.nonProxyHosts.isEmpty()) {
				return null;
			}
			return this.nonProxyHosts.stream().map(EgressProxy::toRegex).collect(Collectors.joining("|"));
		}

		private static String toRegex(String glob) {
			return Pattern.quote(glob.trim()).replace("*", "\\E.*\\Q");
		}

		@Override
		public String toString() {
			return "EgressProxy[host=" + this.host + ", port=" + this.port + ", username=" + this.username
					+ ", password=" + ((this.password != null) ? "******" : null) + ", nonProxyHosts="
					+ this.nonProxyHosts + "]";
		}

	}

}
