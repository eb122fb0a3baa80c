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

	/**
	 * Returns the files {@code checkout.mtls.keystore.reload-on-update} watches.
	 * @param properties the properties
	 * @return the certificate and private key locations, or the key store's location
	 * @throws ReloadOnUpdateException when no file is configured or the interval is not positive
	 */
	static List<String> watchedLocations(CheckoutMtlsProperties properties) {
		CheckoutMtlsProperties.Keystore keystore = properties.getKeystore();
		if (keystore.getReloadCheckInterval() == null || keystore.getReloadCheckInterval().isNegative()
				|| keystore.getReloadCheckInterval().isZero()) {
			throw new ReloadOnUpdateException("The interval between checks for new key material must be positive",
					"checkout.mtls.keystore.reload-check-interval", String.valueOf(keystore.getReloadCheckInterval()),
					"Set a positive duration such as 10s.");
		}
		if (StringUtils.hasText(keystore.getLocation())) {
			return List.of(keystore.getLocation());
		}
		if (StringUtils.hasText(keystore.getCertificate())) {
			return List.of(keystore.getCertificate(), keystore.getPrivateKey()).stream().distinct().toList();
		}
		throw new ReloadOnUpdateException("There are no checkout.mtls.keystore files to watch for new key material",
				"checkout.mtls.keystore.reload-on-update", "true",
				"With checkout.mtls.ssl-bundle, set the bundle's own reload-on-update"
						+ " (spring.ssl.bundle.pem.<name>.reload-on-update=true): the client follows its updates."
						+ " Otherwise remove checkout.mtls.keystore.reload-on-update.");
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
