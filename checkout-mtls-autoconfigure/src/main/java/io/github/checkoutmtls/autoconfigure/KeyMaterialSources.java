package io.github.checkoutmtls.autoconfigure;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

import io.github.checkoutmtls.identity.ClientIdentityLoader;

/**
 * Chooses the one source of client key material the properties name.
 */
final class KeyMaterialSources {

	private static final String CERTIFICATE = "checkout.mtls.pem.certificate";

	private static final String PRIVATE_KEY = "checkout.mtls.pem.private-key";

	private KeyMaterialSources() {
	}

	/**
	 * Returns the loader of the configured source; that at most one is configured is
	 * checked with the properties.
	 * @param properties the properties
	 * @param resourceLoader the loader of the files
	 * @param sslBundles the SSL bundles, or {@code null}
	 * @return the loader
	 * @throws KeyMaterialSourceException when no source, or half of the PEM pair, is
	 * configured
	 */
	static ClientIdentityLoader loader(CheckoutMtlsProperties properties, ResourceLoader resourceLoader,
			SslBundles sslBundles) {
		CheckoutMtlsProperties.Keystore keystore = properties.getKeystore();
		CheckoutMtlsProperties.Pem pem = properties.getPem();
		if (StringUtils.hasText(properties.getSsl().getBundle())) {
			return ClientIdentityLoader.sslBundle(sslBundles, properties.getSsl().getBundle());
		}
		if (StringUtils.hasText(keystore.getLocation())) {
			return ClientIdentityLoader.keyStore(resourceLoader, keystore.getLocation(), keystore.getType(),
					keystore.getPassword(), keystore.getAlias());
		}
		if (!StringUtils.hasText(pem.getCertificate()) && !StringUtils.hasText(pem.getPrivateKey())) {
			throw new KeyMaterialSourceException("No client certificate and private key are configured", CERTIFICATE,
					null);
		}
		requireBoth(pem);
		return ClientIdentityLoader.pem(resourceLoader, pem.getCertificate(), pem.getPrivateKey(),
				pem.getPrivateKeyPassword());
	}

	private static void requireBoth(CheckoutMtlsProperties.Pem pem) {
		if (!StringUtils.hasText(pem.getCertificate())) {
			throw new KeyMaterialSourceException("A private key is configured without its certificate chain",
					CERTIFICATE, null);
		}
		if (!StringUtils.hasText(pem.getPrivateKey())) {
			throw new KeyMaterialSourceException("A certificate chain is configured without its private key",
					PRIVATE_KEY, null);
		}
	}

}
