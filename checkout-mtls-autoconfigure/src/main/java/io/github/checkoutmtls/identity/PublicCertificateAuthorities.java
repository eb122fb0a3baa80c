package io.github.checkoutmtls.identity;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The CAs of the JVM's default trust store: public CAs, whose certificates Checkout's
 * mTLS edge does not accept as client certificates. Read once per JVM: on first use, or
 * on a background thread started by {@link #readingInBackground()}, which the first use
 * then waits for.
 */
final class PublicCertificateAuthorities {

	private static final AtomicBoolean readStarted = new AtomicBoolean();

	private PublicCertificateAuthorities() {
	}

	static List<X509Certificate> jvmDefault() {
		return Holder.CERTIFICATES;
	}

	/**
	 * Starts reading the JVM's trust store on a background thread, so that a check run a
	 * little later finds it read (parsing the JVM's CA certificates takes a noticeable
	 * part of a start).
	 * @return the trust store's CAs, waiting for the read when it is still running
	 */
	static Supplier<List<X509Certificate>> readingInBackground() {
		if (readStarted.compareAndSet(false, true)) {
			Thread thread = new Thread(PublicCertificateAuthorities::jvmDefault, "checkout-mtls-trust-store-read");
			thread.setDaemon(true);
			thread.start();
		}
		// The JVM runs the holder's initialisation once: a caller meanwhile waits for it,
		// it never reads twice.
		return PublicCertificateAuthorities::jvmDefault;
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
			// Without the JVM's trust store there is nothing to compare with: the check
			// passes.
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
