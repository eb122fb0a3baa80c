package io.github.checkoutmtls.test.simulator;

import java.security.cert.CertificateException;

/**
 * Thrown by {@link RegisteredRootsTrustManager} so that the handshake failure carries the
 * simulator's own reason up to {@link HandshakeGuard}, which records it.
 */
class ClientCertificateRejectedException extends CertificateException {

	private static final long serialVersionUID = 1L;

	private final String reason;

	private final String presentedSubject;

	ClientCertificateRejectedException(String reason, String presentedSubject, Throwable cause) {
		super(reason, cause);
		this.reason = reason;
		this.presentedSubject = presentedSubject;
	}

	String reason() {
		return this.reason;
	}

	String presentedSubject() {
		return this.presentedSubject;
	}

}
