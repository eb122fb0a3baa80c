package io.github.checkoutmtls.connector;

import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import io.github.checkoutmtls.identity.ClientIdentity;

/**
 * Creates the Netty {@link SslContext} that presents a client identity: the full chain,
 * leaf first, over TLS 1.2 or 1.3 only, whatever CA names the server asks for.
 */
final class ClientSslContextFactory {

	static final String[] PROTOCOLS = { "TLSv1.3", "TLSv1.2" };

	private ClientSslContextFactory() {
	}

	static SslContext create(ClientIdentity identity, List<X509Certificate> trustCertificates, TlsProvider provider) {
		SslContextBuilder builder = SslContextBuilder.forClient()
			.sslProvider(resolve(provider))
			.protocols(PROTOCOLS)
			// Netty puts trusted certificates in an in-memory key store; a PKCS#12 one
			// (its default) costs PBKDF2 at 10,000 iterations per entry. JKS's protection
			// is cheap.
			.keyStoreType("JKS")
			// Always the configured chain, whatever CA names the server lists: as curl
			// does.
			.keyManager(new ConfiguredIdentityKeyManager(identity));
		if (!trustCertificates.isEmpty()) {
			builder.trustManager(trustCertificates.toArray(X509Certificate[]::new));
		}
		try {
			return builder.build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException("Cannot create the TLS client context for '" + identity.subject() + "'",
					ex);
		}
	}

	// Probing for OpenSSL loads netty-tcnative's native library: not done when the JDK's
	// provider is asked for.
	static SslProvider resolve(TlsProvider provider) {
		return (provider == TlsProvider.JDK) ? SslProvider.JDK : resolve(provider, OpenSsl.isAvailable());
	}

	static SslProvider resolve(TlsProvider provider, boolean openSslAvailable) {
		return switch (provider) {
			case JDK -> SslProvider.JDK;
			case AUTO -> openSslAvailable ? SslProvider.OPENSSL : SslProvider.JDK;
			case OPENSSL -> {
				if (!openSslAvailable) {
					throw new TlsProviderUnavailableException(OpenSsl.unavailabilityCause());
				}
				yield SslProvider.OPENSSL;
			}
		};
	}

}
