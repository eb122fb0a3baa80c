package io.github.checkoutmtls.test.simulator;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;

import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Validates client chains as Checkout describes it (docs "Mutual TLS", Apr 2026: anchored
 * at the CA certificates the merchant sent): with the JDK's PKIX trust manager, anchored
 * only at the roots the merchant registered. Revocation is off: not documented by
 * Checkout, and test CAs publish no CRLs. A rejection is rethrown as a
 * {@link ClientCertificateRejectedException} naming the reason in Checkout's
 * troubleshooting terms (same page).
 */
final class RegisteredRootsTrustManager extends X509ExtendedTrustManager {

	private static final X509Certificate[] NO_ISSUERS = {};

	private final X509ExtendedTrustManager delegate;

	private final List<X509Certificate> roots;

	private RegisteredRootsTrustManager(X509ExtendedTrustManager delegate, List<X509Certificate> roots) {
		this.delegate = delegate;
		this.roots = roots;
	}

	static RegisteredRootsTrustManager of(List<X509Certificate> roots) {
		try {
			KeyStore anchors = KeyStore.getInstance("PKCS12");
			anchors.load(null, null);
			for (int i = 0; i < roots.size(); i++) {
				anchors.setCertificateEntry("root-" + i, roots.get(i));
			}
			PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, new X509CertSelector());
			// Whether Checkout checks revocation is not documented by Checkout; test CAs
			// publish no CRLs
			parameters.setRevocationEnabled(false);
			TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
			factory.init(new CertPathTrustManagerParameters(parameters));
			for (TrustManager trustManager : factory.getTrustManagers()) {
				if (trustManager instanceof X509ExtendedTrustManager x509) {
					return new RegisteredRootsTrustManager(x509, List.copyOf(roots));
				}
			}
			throw new IllegalStateException("The JDK's PKIX TrustManagerFactory made no X509ExtendedTrustManager");
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Cannot create a trust manager for the registered roots", ex);
		}
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		try {
			this.delegate.checkClientTrusted(chain, authType);
		}
		catch (CertificateException ex) {
			throw rejection(chain, ex);
		}
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		try {
			this.delegate.checkClientTrusted(chain, authType, socket);
		}
		catch (CertificateException ex) {
			throw rejection(chain, ex);
		}
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		try {
			this.delegate.checkClientTrusted(chain, authType, engine);
		}
		catch (CertificateException ex) {
			throw rejection(chain, ex);
		}
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		throw new CertificateException("The simulator only validates clients");
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		throw new CertificateException("The simulator only validates clients");
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		throw new CertificateException("The simulator only validates clients");
	}

	/**
	 * Returns no issuers, so the CertificateRequest names no certificate authorities. A
	 * client's key manager filters its keys by those names and would otherwise send no
	 * certificate at all when its chain comes from an unregistered root, hiding the "not
	 * trusted" case behind "no certificate".
	 * @return an empty array
	 */
	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return NO_ISSUERS;
	}

	private ClientCertificateRejectedException rejection(X509Certificate[] chain, CertificateException cause) {
		String subject = (chain != null && chain.length > 0) ? chain[0].getSubjectX500Principal().getName() : null;
		return new ClientCertificateRejectedException(reason(chain, cause), subject, cause);
	}

	private String reason(X509Certificate[] chain, CertificateException cause) {
		if (chain == null || chain.length == 0) {
			return "no client certificate";
		}
		Date now = new Date();
		for (X509Certificate certificate : chain) {
			try {
				certificate.checkValidity(now);
			}
			catch (CertificateExpiredException ex) {
				return "certificate expired: " + describe(certificate);
			}
			catch (CertificateNotYetValidException ex) {
				return "certificate not yet valid: " + describe(certificate);
			}
		}
		return "chain does not validate to a registered root: " + pathProblem(chain, cause);
	}

	private String pathProblem(X509Certificate[] chain, CertificateException cause) {
		X509Certificate top = chain[chain.length - 1];
		boolean issuerRegistered = this.roots.stream()
			.anyMatch((root) -> root.getSubjectX500Principal().equals(top.getIssuerX500Principal()));
		if (!issuerRegistered) {
			return "issuer '" + top.getIssuerX500Principal().getName() + "' of '"
					+ top.getSubjectX500Principal().getName() + "' was not presented and is not a registered root";
		}
		return rootMessage(cause);
	}

	private static String rootMessage(Throwable cause) {
		Throwable root = cause;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getMessage();
	}

	private static String describe(X509Certificate certificate) {
		return "'" + certificate.getSubjectX500Principal().getName() + "' (valid "
				+ certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant() + ")";
	}

}
