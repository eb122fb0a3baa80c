package io.github.checkoutmtls.identity;

import java.security.cert.X509Certificate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.io.ResourceLoader;

/**
 * Loads the client identity from one source of key material (PEM files, a PKCS#12 or JKS
 * key store, or a Spring Boot SSL bundle). Loading reads and parses the material every
 * time it is called, so a reload after rotation sees the new files.
 *
 * <p>
 * Problems a user can fix are thrown as
 * {@link io.github.checkoutmtls.CheckoutMtlsConfigurationException}s naming the property
 * to change; nothing else ever sees a {@link java.security.GeneralSecurityException}.
 */
@FunctionalInterface
public interface ClientIdentityLoader {

	/**
	 * Loads, parses and orders the key material.
	 * @return the identity, chain ordered leaf first
	 */
	ClientIdentity load();

	/**
	 * Returns a loader reading PEM files ({@code checkout.mtls.pem.*}), accepting what
	 * curl and openssl accept: certificates in any order with text around them, CRLF line
	 * endings, certificate and key in one file, and keys in PKCS#8 (plain or encrypted),
	 * PKCS#1 or SEC1 form, plain or with legacy openssl encryption.
	 * @param resourceLoader the loader for prefixed locations ({@code file:},
	 * {@code classpath:})
	 * @param certificate the location of the certificate chain; a plain path is a file
	 * system path
	 * @param privateKey the location of the private key, possibly the same file as the
	 * chain
	 * @param privateKeyPassword the password of an encrypted key, or {@code null}
	 * @return the loader
	 */
	static ClientIdentityLoader pem(ResourceLoader resourceLoader, String certificate, String privateKey,
			@Nullable String privateKeyPassword) {
		return new PemIdentityLoader(resourceLoader, certificate, privateKey, privateKeyPassword);
	}

	/**
	 * Returns a loader reading a PKCS#12 or JKS key store
	 * ({@code checkout.mtls.keystore.*}); the key entry's password is the store's
	 * password, as with {@code openssl pkcs12 -export} and {@code keytool}.
	 * @param resourceLoader the loader for prefixed locations ({@code file:},
	 * {@code classpath:})
	 * @param location the key store's location; a plain path is a file system path
	 * @param type the store type, {@code PKCS12} (when {@code null}) or {@code JKS}, in
	 * any case
	 * @param password the password of the store and of its key entry, or {@code null}
	 * @param alias the alias of the key entry, or {@code null} to use the only key entry
	 * @return the loader
	 */
	static ClientIdentityLoader keyStore(ResourceLoader resourceLoader, String location, @Nullable String type,
			@Nullable String password, @Nullable String alias) {
		return new KeyStoreIdentityLoader(resourceLoader, location, type, password, alias);
	}

	/**
	 * Returns a loader reading the key store of a Spring Boot SSL bundle
	 * ({@code checkout.mtls.ssl.bundle}).
	 * @param sslBundles the application's SSL bundles
	 * @param bundleName the name of the bundle holding the client certificate and key
	 * @return the loader
	 */
	static ClientIdentityLoader sslBundle(SslBundles sslBundles, String bundleName) {
		return new SslBundleIdentityLoader(sslBundles, bundleName);
	}

	/**
	 * Reads the CA certificates trusted for the server's certificate with the same rules
	 * as the key material (size cap, no pasted PEM, {@code file:} or {@code classpath:}):
	 * {@code checkout.mtls.trust.certificates}, else the trust store of the SSL bundle
	 * named by {@code checkout.mtls.ssl.bundle}, else none (the JVM's trust store).
	 * @param resourceLoader the loader for prefixed locations
	 * @param location the value of {@code checkout.mtls.trust.certificates}, or
	 * {@code null}
	 * @param sslBundles the SSL bundles, or {@code null}
	 * @param bundleName the value of {@code checkout.mtls.ssl.bundle}, or {@code null}
	 * @return the certificates; empty for the JVM's trust store
	 * @throws io.github.checkoutmtls.CheckoutMtlsConfigurationException when the file
	 * cannot be read as key material files are, or holds no certificate
	 */
	static List<X509Certificate> trustCertificates(ResourceLoader resourceLoader, @Nullable String location,
			@Nullable SslBundles sslBundles, @Nullable String bundleName) {
		return TrustMaterial.load(resourceLoader, location, sslBundles, bundleName);
	}

}
