package io.github.checkoutmtls.identity;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The CAs of the JVM's default trust store: public CAs, whose certificates Checkout's mTLS edge does
 * not accept as client certificates. Read once, on first use.
 */
final class PublicCertificateAuthorities {

	private PublicCertificateAuthorities() {
	}

	static List<X509Certificate> jvmDefault() {
		return Holder.CERTIFICATES;
	}

	private static List<X509Certificate> load() {
		try {
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init((KeyStore) null);
			return Arrays.stream(factory.getTrustManagers())
				.filter(X509TrustManager.class::isInstance)
				.map(X509TrustManager.class::cast)
				.flatMap((manager) -> Arrays.stream(manager.getAcceptedIssuers()))
				.toList();
		}
		catch (GeneralSecurityException ex) {
			// Without the JVM's trust store there is nothing to compare with: the check passes.
			return List.of();
		}
	}

	private static final class Holder {

		static final List<X509Certificate> CERTIFICATES = load();

	}

	static boolean isPublic(X509Certificate certificate, List<X509Certificate> authorities) {
		return authorities.stream().anyMatch((authority) -> issued(authority, certificate));
	}

	private static boolean issued(X509Certificate authority, X509Certificate certificate) {
		if (authority.equals(certificate)) {
			return true;
		}
		return authority.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
				&& Signatures.verifies(certificate, authority);
	}

}
