package io.github.checkoutmtls.identity;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * The CA certificates trusted for the server's certificate:
 * {@code checkout.mtls.trust.certificates}, read with the same rules as the key material
 * (size cap, no pasted PEM, {@code file:} or {@code classpath:}), else the trust store of
 * the SSL bundle named by {@code checkout.mtls.ssl.bundle}, else none (the JVM's trust
 * store).
 */
final class TrustMaterial {

	private TrustMaterial() {
	}

	/**
	 * Loads the trusted CA certificates.
	 * @param resourceLoader the loader for prefixed locations
	 * @param location the value of {@code checkout.mtls.trust.certificates}, or
	 * {@code null}
	 * @param sslBundles the SSL bundles, or {@code null}
	 * @param bundleName the value of {@code checkout.mtls.ssl.bundle}, or {@code null}
	 * @return the certificates; empty for the JVM's trust store
	 * @throws KeyMaterialNotReadableException when the file cannot be read as key
	 * material files are
	 * @throws CertificateNotFoundException when the file holds no certificate
	 */
	static List<X509Certificate> load(ResourceLoader resourceLoader, @Nullable String location,
			@Nullable SslBundles sslBundles, @Nullable String bundleName) {
		if (StringUtils.hasText(location)) {
			byte[] content = KeyMaterialResource.read(resourceLoader, IdentityPropertyNames.TRUST_CERTIFICATES,
					location);
			return PemContent.parse(content).requireCertificates(IdentityPropertyNames.TRUST_CERTIFICATES, location);
		}
		if (StringUtils.hasText(bundleName) && sslBundles != null) {
			return fromTrustStore(sslBundles.getBundle(bundleName).getStores().getTrustStore(), bundleName);
		}
		return List.of();
	}

	private static List<X509Certificate> fromTrustStore(@Nullable KeyStore trustStore, String bundleName) {
		if (trustStore == null) {
			return List.of();
		}
		try {
			List<X509Certificate> certificates = new ArrayList<>();
			for (String alias : Collections.list(trustStore.aliases())) {
				if (trustStore.getCertificate(alias) instanceof X509Certificate certificate) {
					certificates.add(certificate);
				}
			}
			return List.copyOf(certificates);
		}
		catch (GeneralSecurityException ex) {
			throw KeyMaterialNotReadableException.failed(IdentityPropertyNames.SSL_BUNDLE, bundleName, ex);
		}
	}

}
