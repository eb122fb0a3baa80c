package io.github.checkoutmtls.connector;

/**
 * Which TLS implementation the connector uses.
 */
public enum TlsProvider {

	/**
	 * OpenSSL (BoringSSL) when netty-tcnative is on the classpath, else the JDK's.
	 */
	AUTO,

	/**
	 * The JDK's {@code SSLEngine}.
	 */
	JDK,

	/**
	 * OpenSSL through netty-tcnative, which must be on the classpath.
	 */
	OPENSSL

}
