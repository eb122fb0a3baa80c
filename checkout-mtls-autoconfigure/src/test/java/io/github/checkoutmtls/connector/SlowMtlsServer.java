package io.github.checkoutmtls.connector;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;

import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.TestPki;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A minimal HTTPS server on loopback that requires a client certificate from the test
 * PKI, answers with the thumbprint of the presented leaf, and holds {@code /slow} until
 * released: a request in flight while the client's certificate is swapped. {@code /drop}
 * is held the same way, then its connection closed without an answer.
 */
final class SlowMtlsServer implements AutoCloseable {

	private final Sinks.Empty<Void> release = Sinks.empty();

	private final Queue<String> received = new ConcurrentLinkedQueue<>();

	private final Queue<String> closed = new ConcurrentLinkedQueue<>();

	private final Queue<String> handshakes = new ConcurrentLinkedQueue<>();

	private final Queue<String> open = new ConcurrentLinkedQueue<>();

	private final DisposableServer server;

	SlowMtlsServer(TestPki pki) {
		this(pki, pki.server());
	}

	/**
	 * Creates a server presenting the given certificate, e.g. one for another host name.
	 */
	SlowMtlsServer(TestPki pki, CertificateAndKey serverCertificate) {
		this(pki, serverCertificate, "TLSv1.3", "TLSv1.2");
	}

	/**
	 * Creates a server that speaks only the given TLS versions, e.g. TLS 1.2, where the
	 * server sends nothing after its handshake until it answers.
	 */
	SlowMtlsServer(TestPki pki, String... protocols) {
		this(pki, pki.server(), protocols);
	}

	private SlowMtlsServer(TestPki pki, CertificateAndKey serverCertificate, String... protocols) {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.secure((spec) -> spec.sslContext(sslContext(pki, serverCertificate, protocols)))
			.doOnConnection((connection) -> {
				SslHandler ssl = connection.channel().pipeline().get(SslHandler.class);
				connection.channel().closeFuture().addListener((future) -> this.closed.add(thumbprint(ssl)));
				ssl.handshakeFuture().addListener((done) -> {
					if (done.isSuccess()) {
						String thumbprint = thumbprint(ssl);
						this.handshakes.add(thumbprint);
						this.open.add(thumbprint);
						connection.channel().closeFuture().addListener((closing) -> this.open.remove(thumbprint));
					}
				});
			})
			.handle((request, response) -> {
				String[] thumbprint = new String[1];
				request.withConnection((connection) -> thumbprint[0] = thumbprint(
						connection.channel().pipeline().get(SslHandler.class)));
				this.received.add(request.path() + " " + thumbprint[0]);
				if (request.path().equals("drop")) {
					// Closes the connection without an answer once released.
					return request.receive()
						.then()
						.then(this.release.asMono())
						.then(Mono.fromRunnable(() -> request.withConnection(Connection::dispose)))
						.then(Mono.<Void>never());
				}
				Mono<Void> hold = request.path().equals("slow") ? this.release.asMono() : Mono.empty();
				return request.receive().then().then(hold).then(response.sendString(Mono.just(thumbprint[0])).then());
			})
			.bindNow();
	}

	String baseUrl() {
		return "https://localhost:" + this.server.port();
	}

	void release() {
		this.release.tryEmitEmpty();
	}

	List<String> received() {
		return List.copyOf(this.received);
	}

	// The presented leaf's thumbprint of every completed handshake.
	List<String> handshakes() {
		return List.copyOf(this.handshakes);
	}

	// The presented leaf's thumbprint of every connection still open.
	List<String> openConnections() {
		return List.copyOf(this.open);
	}

	List<String> closedConnections() {
		return List.copyOf(this.closed);
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	private static String thumbprint(SslHandler handler) {
		try {
			Certificate[] chain = handler.engine().getSession().getPeerCertificates();
			return CertificateAndKey.thumbprint((X509Certificate) chain[0]);
		}
		catch (SSLPeerUnverifiedException ex) {
			return "none";
		}
	}

	private static SslContext sslContext(TestPki pki, CertificateAndKey server, String... protocols) {
		try {
			return SslContextBuilder.forServer(server.privateKey(), server.certificate())
				.protocols(protocols)
				.clientAuth(ClientAuth.REQUIRE)
				.trustManager(pki.root().certificate())
				.build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
