package io.github.checkoutmtls.test.simulator;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLPeerUnverifiedException;

import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.netty.handler.ssl.SslHandler;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import reactor.netty.http.server.HttpServerRequest;

/**
 * The client leaf presented on a request's connection, with what Checkout derives from
 * it.
 *
 * @param leaf the leaf certificate
 * @param commonName CN of the leaf's subject, or {@code null} if it has none
 * @param thumbprint RFC 8705 {@code x5t#S256} of the leaf
 */
record ClientCertificate(X509Certificate leaf, String commonName, String thumbprint) {

	static ClientCertificate of(X509Certificate leaf) {
		return new ClientCertificate(leaf, commonName(leaf), CertificateAndKey.thumbprint(leaf));
	}

	/**
	 * Reads the leaf from the connection's {@code SslHandler}. Only called once the
	 * handshake succeeded, which with client authentication required means a leaf was
	 * presented and validated.
	 */
	static ClientCertificate of(HttpServerRequest request) {
		AtomicReference<Certificate[]> peer = new AtomicReference<>();
		request.withConnection((connection) -> {
			SslHandler ssl = connection.channel().pipeline().get(SslHandler.class);
			try {
				peer.set(ssl.engine().getSession().getPeerCertificates());
			}
			catch (SSLPeerUnverifiedException ex) {
				throw new IllegalStateException("Request on a connection without a verified client certificate", ex);
			}
		});
		return of((X509Certificate) peer.get()[0]);
	}

	private static String commonName(X509Certificate certificate) {
		X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
		RDN[] rdns = name.getRDNs(BCStyle.CN);
		return (rdns.length > 0) ? IETFUtils.valueToString(rdns[0].getFirst().getValue()) : null;
	}

}
