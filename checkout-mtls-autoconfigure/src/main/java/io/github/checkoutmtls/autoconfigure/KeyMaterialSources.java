package io.github.checkoutmtls.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

import io.github.checkoutmtls.identity.ClientIdentityLoader;
import io.github.checkoutmtls.identity.KeyStoreIdentityLoader;
import io.github.checkoutmtls.identity.PemIdentityLoader;
import io.github.checkoutmtls.identity.SslBundleIdentityLoader;

/**
 * Chooses the one source of client key material the properties name.
 */
final class KeyMaterialSources {

	private static final String CERTIFICATE = "checkout.mtls.keystore.certificate";

	private static final String PRIVATE_KEY = "checkout.mtls.keystore.private-key";

	private static final String LOCATION = "checkout.mtls.keystore.location";

	private static final String SSL_BUNDLE = "checkout.mtls.ssl-bundle";

	private KeyMaterialSources() {
	}

	static ClientIdentityLoader loader(CheckoutMtlsProperties properties, ResourceLoader resourceLoader,
			SslBundles sslBundles) {
		CheckoutMtlsProperties.Keystore keystore = properties.getKeystore();
		List<String> configured = configured(properties);
		if (configured.isEmpty()) {
			throw new KeyMaterialSourceException("No client certificate and private key are configured", CERTIFICATE,
					null);
		}
		if (configured.size() > 1) {
			throw new KeyMaterialSourceException("Client key material is configured in more than one way: "
					+ String.join(" and ", configured) + " are set together", configured.get(1), null);
		}
		if (StringUtils.hasText(properties.getSslBundle())) {
			return new SslBundleIdentityLoader(sslBundles, properties.getSslBundle());
		}
		if (StringUtils.hasText(keystore.getLocation())) {
			return new KeyStoreIdentityLoader(resourceLoader, keystore.getLocation(), keystore.getType(),
					keystore.getPassword(), keystore.getAlias());
		}
		requireBoth(keystore);
		return new PemIdentityLoader(resourceLoader, keystore.getCertificate(), keystore.getPrivateKey(),
				keystore.getPrivateKeyPassword());
	}

	private static List<String> configured(CheckoutMtlsProperties properties) {
		CheckoutMtlsProperties.Keystore keystore = properties.getKeystore();
		List<String> configured = new ArrayList<>();
		if (StringUtils.hasText(keystore.getCertificate()) || StringUtils.hasText(keystore.getPrivateKey())) {
			configured.add(StringUtils.hasText(keystore.getCertificate()) ? CERTIFICATE : PRIVATE_KEY);
		}
		if (StringUtils.hasText(keystore.getLocation())) {
			configured.add(LOCATION);
		}
		if (StringUtils.hasText(properties.getSslBundle())) {
			configured.add(SSL_BUNDLE);
		}
		return configured;
	}

	private static void requireBoth(CheckoutMtlsProperties.Keystore keystore) {
		if (!StringUtils.hasText(keystore.getCertificate())) {
			throw new KeyMaterialSourceException("A private key is configured without its certificate chain",
					CERTIFICATE, null);
		}
		if (!StringUtils.hasText(keystore.getPrivateKey())) {
			throw new KeyMaterialSourceException("A certificate chain is configured without its private key",
					PRIVATE_KEY, null);
		}
	}

}
