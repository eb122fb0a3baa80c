package io.github.checkoutmtls.connector;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;

import io.github.checkoutmtls.test.pki.TestPki;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * An HTTPS server on loopback that requires a client certificate chaining to the test
 * PKI's root, but whose CertificateRequest names only an unrelated CA: the case where the
 * JDK's key manager sends no certificate. It answers with the subject of the presented
 * leaf.
 */
final class CaListingMtlsServer implements AutoCloseable {

	private final DisposableServer server;

	CaListingMtlsServer(TestPki pki, X509Certificate listedCa, String protocol) {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.secure((spec) -> spec.sslContext(sslContext(pki, listedCa, protocol)))
			.handle((request, response) -> {
				String[] subject = new String[1];
				request.withConnection((
						connection) -> subject[0] = peerSubject(connection.channel().pipeline().get(SslHandler.class)));
				return response.sendString(Mono.just(subject[0]));
			})
			.bindNow();
	}

	/**
	 * Makes one request presenting what a client SSL context holds.
	 * @param client the client context
	 * @return the subject of the leaf the server received
	 */
	String request(SslContext client) {
		return HttpClient.create()
			.secure((spec) -> spec.sslContext(client))
			.get()
			.uri("https://localhost:" + this.server.port() + "/")
			.responseContent()
			.aggregate()
			.asString()
			.block(Duration.ofSeconds(10));
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	private static String peerSubject(SslHandler ssl) {
		try {
			return ((X509Certificate) ssl.engine().getSession().getPeerCertificates()[0]).getSubjectX500Principal()
				.getName();
		}
		catch (SSLPeerUnverifiedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static SslContext sslContext(TestPki pki, X509Certificate listedCa, String protocol) {
		try {
			return SslContextBuilder.forServer(pki.server().privateKey(), pki.server().certificate())
				.sslProvider(SslProvider.JDK)
				.protocols(protocol)
				.trustManager(new ListingTrustManager(rootTrust(pki), listedCa))
				.clientAuth(ClientAuth.REQUIRE)
				.build();
		}
		catch (GeneralSecurityException | java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static X509ExtendedTrustManager rootTrust(TestPki pki)
			throws GeneralSecurityException, java.io.IOException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setCertificateEntry("root", pki.root().certificate());
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(store);
		return (X509ExtendedTrustManager) factory.getTrustManagers()[0];
	}

	/**
	 * Validates client chains against the real root but tells clients it accepts only
	 * another CA.
	 */
	private static final class ListingTrustManager extends X509ExtendedTrustManager {

		private final X509ExtendedTrustManager delegate;

		private final X509Certificate listedCa;

		ListingTrustManager(X509ExtendedTrustManager delegate, X509Certificate listedCa) {
			this.delegate = delegate;
			this.listedCa = listedCa;
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[] { this.listedCa };
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			this.delegate.checkClientTrusted(chain, authType, socket);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			this.delegate.checkClientTrusted(chain, authType, engine);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			this.delegate.checkClientTrusted(chain, authType);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			throw new CertificateException("Not a client trust manager");
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			throw new CertificateException("Not a client trust manager");
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			throw new CertificateException("Not a client trust manager");
		}

	}

}
