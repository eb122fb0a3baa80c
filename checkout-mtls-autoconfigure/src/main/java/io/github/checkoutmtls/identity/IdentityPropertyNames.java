package io.github.checkoutmtls.identity;

/**
 * Names of the properties that point at the client's key material, in one place so that
 * every exception, log line and diagnosis names them the same way.
 */
final class IdentityPropertyNames {

	/**
	 * PEM file holding the client certificate and its chain.
	 */
	static final String CERTIFICATE = "checkout.mtls.pem.certificate";

	/**
	 * PEM file holding the client's private key.
	 */
	static final String PRIVATE_KEY = "checkout.mtls.pem.private-key";

	/**
	 * Password of an encrypted PEM private key.
	 */
	static final String PRIVATE_KEY_PASSWORD = "checkout.mtls.pem.private-key-password";

	/**
	 * Location of a PKCS#12 or JKS key store.
	 */
	static final String LOCATION = "checkout.mtls.keystore.location";

	/**
	 * Type of the key store, PKCS12 or JKS.
	 */
	static final String TYPE = "checkout.mtls.keystore.type";

	/**
	 * Password of the key store and of its key entry.
	 */
	static final String PASSWORD = "checkout.mtls.keystore.password";

	/**
	 * Alias of the key entry to use in the key store.
	 */
	static final String ALIAS = "checkout.mtls.keystore.alias";

	/**
	 * Name of the Spring Boot SSL bundle holding the key material.
	 */
	static final String SSL_BUNDLE = "checkout.mtls.ssl.bundle";

	/**
	 * PEM file holding the CA certificates trusted for the server's certificate.
	 */
	static final String TRUST_CERTIFICATES = "checkout.mtls.trust.certificates";

	/**
	 * PEM file holding the CA certificates sent to Checkout as trusted roots.
	 */
	static final String REGISTERED_ROOTS = "checkout.mtls.registered-roots";

	private IdentityPropertyNames() {
	}

}
