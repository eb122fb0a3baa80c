package io.github.checkoutmtls.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * The CA certificates trusted for the server's certificate: {@code checkout.mtls.trust.certificates},
 * else the trust store of the SSL bundle named by {@code checkout.mtls.ssl-bundle}, else none (the
 * JVM's trust store).
 */
final class TrustMaterial {

	private static final String CERTIFICATES = "checkout.mtls.trust.certificates";

	private TrustMaterial() {
	}

	static List<X509Certificate> load(CheckoutMtlsProperties properties, ResourceLoader resourceLoader,
			SslBundles sslBundles) {
		String location = properties.getTrust().getCertificates();
		if (StringUtils.hasText(location)) {
			return fromPem(resourceLoader.getResource(location), location);
		}
		if (StringUtils.hasText(properties.getSslBundle()) && sslBundles != null) {
			return fromBundle(sslBundles.getBundle(properties.getSslBundle()));
		}
		return List.of();
	}

	private static List<X509Certificate> fromPem(Resource resource, String location) {
		if (!resource.isReadable()) {
			throw new TrustMaterialException("The trusted CA certificates file does not exist or cannot be read",
					CERTIFICATES, location, null);
		}
		try (InputStream input = resource.getInputStream()) {
			List<X509Certificate> certificates = new ArrayList<>();
			CertificateFactory.getInstance("X.509")
				.generateCertificates(input)
				.forEach((certificate) -> certificates.add((X509Certificate) certificate));
			if (certificates.isEmpty()) {
				throw new TrustMaterialException("The trusted CA certificates file holds no certificate", CERTIFICATES,
						location, null);
			}
			return List.copyOf(certificates);
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new TrustMaterialException("The trusted CA certificates file is not PEM certificates", CERTIFICATES,
					location, ex);
		}
	}

	private static List<X509Certificate> fromBundle(SslBundle bundle) {
		KeyStore trustStore = bundle.getStores().getTrustStore();
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
			throw new TrustMaterialException("The SSL bundle's trust store cannot be read", "checkout.mtls.ssl-bundle",
					null, ex);
		}
	}

}
