package io.github.checkoutmtls.test.simulator;

import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.netty.handler.ssl.SslContext;
import org.reactivestreams.Publisher;
import reactor.netty.DisposableServer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * One HTTPS/1.1 port of the simulator on 127.0.0.1, requiring client certificates.
 */
final class MtlsListener implements AutoCloseable {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);

	private final DisposableServer server;

	private MtlsListener(DisposableServer server) {
		this.server = server;
	}

	/**
	 * Binds a port.
	 * @param sslContext the server's TLS context
	 * @param rejection how rejected handshakes end
	 * @param guards makes the handshake guard of each connection
	 * @param injectedRejection asked once per new connection, whether to reject its
	 * handshake as a fault
	 * @param handler the request handler
	 * @return the listener
	 */
	static MtlsListener start(SslContext sslContext, HandshakeRejection rejection, Supplier<HandshakeGuard> guards,
			BooleanSupplier injectedRejection,
			BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.protocol(HttpProtocol.HTTP11)
			.secure((spec) -> spec.sslContext(sslContext))
			.doOnChannelInit((observer, channel, remoteAddress) -> {
				if (channel.pipeline().get(NettyPipeline.SslHandler) == null) {
					throw new IllegalStateException("No SslHandler in pipeline " + channel.pipeline().names());
				}
				if (injectedRejection.getAsBoolean()) {
					InjectedHandshakeRejection.apply(channel);
				}
				channel.pipeline().addAfter(NettyPipeline.SslHandler, "checkoutSimulatorHandshakeGuard", guards.get());
				if (rejection == HandshakeRejection.RESET) {
					channel.pipeline()
						.addBefore(NettyPipeline.SslHandler, "checkoutSimulatorAlertSuppressor", new AlertSuppressor());
				}
			})
			.handle(handler)
			.bindNow(STARTUP_TIMEOUT);
		return new MtlsListener(server);
	}

	int port() {
		return this.server.port();
	}

	@Override
	public void close() {
		this.server.disposeNow(STARTUP_TIMEOUT);
	}

}
