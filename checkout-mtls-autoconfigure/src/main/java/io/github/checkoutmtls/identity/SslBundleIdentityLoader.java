package io.github.checkoutmtls.identity;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.util.Assert;

/**
 * Loads the client identity from the key store of a Spring Boot SSL bundle
 * ({@code checkout.mtls.ssl.bundle}), so that {@code spring.ssl.bundle.pem.*} and
 * {@code spring.ssl.bundle.jks.*} can hold the key material.
 */
final class SslBundleIdentityLoader implements ClientIdentityLoader {

	private final SslBundles sslBundles;

	private final String bundleName;

	/**
	 * Creates a new instance.
	 * @param sslBundles the application's SSL bundles
	 * @param bundleName the name of the bundle holding the client certificate and key
	 */
	SslBundleIdentityLoader(SslBundles sslBundles, String bundleName) {
		Assert.notNull(sslBundles, "'sslBundles' must not be null");
		Assert.hasText(bundleName, "'bundleName' must not be empty");
		this.sslBundles = sslBundles;
		this.bundleName = bundleName;
	}

	@Override
	public ClientIdentity load() {
		SslBundle bundle = bundle();
		KeyStore store = keyStore(bundle);
		String prefix = "spring.ssl.bundle." + ((bundle.getStores() instanceof PemSslStoreBundle) ? "pem" : "jks") + "."
				+ this.bundleName + ".key.";
		KeyStoreEntryReader reader = new KeyStoreEntryReader(IdentityPropertyNames.SSL_BUNDLE, this.bundleName,
				prefix + "alias", prefix + "password");
		KeyStoreEntryReader.Entry entry = reader.read(store, bundle.getKey().getAlias(), keyPassword(bundle));
		List<X509Certificate> chain = CertificateChainOrderer.order(entry.chain(), entry.privateKey(),
				IdentityPropertyNames.SSL_BUNDLE, this.bundleName);
		return ClientIdentity.of(chain, entry.privateKey(), IdentityPropertyNames.SSL_BUNDLE + "=" + this.bundleName);
	}

	private SslBundle bundle() {
		try {
			return this.sslBundles.getBundle(this.bundleName);
		}
		catch (NoSuchSslBundleException ex) {
			List<String> names = this.sslBundles.getBundleNames();
			throw SslBundleNotFoundException.noSuchBundle(IdentityPropertyNames.SSL_BUNDLE, this.bundleName,
					names.isEmpty() ? "none" : String.join(", ", names), ex);
		}
	}

	private KeyStore keyStore(SslBundle bundle) {
		KeyStore store;
		try {
			store = bundle.getStores().getKeyStore();
		}
		catch (IllegalStateException ex) {
			// Boot reports key material it cannot load this way; the cause says which
			throw KeyStoreFormatException.bundleNotLoadable(IdentityPropertyNames.SSL_BUNDLE, this.bundleName, ex);
		}
		if (store == null) {
			throw SslBundleNotFoundException.noKeyStore(IdentityPropertyNames.SSL_BUNDLE, this.bundleName);
		}
		return store;
	}

	private static char @Nullable [] keyPassword(SslBundle bundle) {
		SslBundleKey key = bundle.getKey();
		String password = (key.getPassword() != null) ? key.getPassword() : bundle.getStores().getKeyStorePassword();
		return (password != null) ? password.toCharArray() : null;
	}

}
