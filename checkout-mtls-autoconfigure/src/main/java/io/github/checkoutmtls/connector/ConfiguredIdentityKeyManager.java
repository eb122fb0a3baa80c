package io.github.checkoutmtls.connector;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

import org.jspecify.annotations.Nullable;

import io.github.checkoutmtls.identity.ClientIdentity;

/**
 * A client key manager that presents the configured identity whatever CA names the
 * server's CertificateRequest lists, as curl (Checkout's reference client) does. The
 * JDK's and Netty's key managers send no certificate at all when the chain does not match
 * those names, and the server then resets the connection with nothing to say why.
 */
final class ConfiguredIdentityKeyManager extends X509ExtendedKeyManager {

	static final String ALIAS = "checkout-mtls";

	private final X509Certificate[] chain;

	private final PrivateKey privateKey;

	private final String subject;

	ConfiguredIdentityKeyManager(ClientIdentity identity) {
		this.chain = identity.chain().toArray(X509Certificate[]::new);
		this.privateKey = identity.privateKey();
		this.subject = identity.subject();
	}

	@Override
	public String chooseClientAlias(String[] keyTypes, Principal @Nullable [] issuers, @Nullable Socket socket) {
		return ALIAS;
	}

	@Override
	public String chooseEngineClientAlias(String[] keyTypes, Principal @Nullable [] issuers,
			@Nullable SSLEngine engine) {
		return ALIAS;
	}

	@Override
	public String[] getClientAliases(String keyType, Principal @Nullable [] issuers) {
		return new String[] { ALIAS };
	}

	@Override
	public X509Certificate @Nullable [] getCertificateChain(String alias) {
		return ALIAS.equals(alias) ? this.chain.clone() : null;
	}

	@Override
	public @Nullable PrivateKey getPrivateKey(String alias) {
		return ALIAS.equals(alias) ? this.privateKey : null;
	}

	@Override
	public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
		return null;
	}

	@Override
	public @Nullable String chooseServerAlias(String keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
		return null;
	}

	@Override
	public @Nullable String chooseEngineServerAlias(String keyType, Principal @Nullable [] issuers,
			@Nullable SSLEngine engine) {
		return null;
	}

	@Override
	public String toString() {
		return "ConfiguredIdentityKeyManager[" + this.subject + ", chainLength=" + this.chain.length + "]";
	}

}
