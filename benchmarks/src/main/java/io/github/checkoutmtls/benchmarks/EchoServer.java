package io.github.checkoutmtls.benchmarks;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import javax.net.ssl.SSLException;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.AttributeKey;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * A minimal mTLS server answering every request with the same small JSON body, over
 * HTTP/1.1 keep-alive. It requires a client certificate issued by one of the benchmark's
 * roots, and counts completed handshakes. The simulator does more per request (routing,
 * guards, recording), which would hide the client's own cost, so the transport
 * comparisons use this server.
 */
final class EchoServer implements AutoCloseable {

	static final String BODY = "{\"id\":\"pay_bench\",\"status\":\"Authorized\",\"amount\":1999,\"currency\":\"EUR\","
			+ "\"approved\":true,\"reference\":\"order-1\"}";

	private static final AttributeKey<Boolean> COUNTED = AttributeKey.valueOf("bench.handshakeCounted");

	private final AtomicLong handshakes = new AtomicLong();

	// The last Authorization header received: the token a plain client sends to match
	// the starter's jwt requests byte for byte.
	private volatile String authorization;

	// -Dbench.echo.print-headers=true: print each distinct request the server receives
	private static final boolean PRINT_HEADERS = Boolean.getBoolean("bench.echo.print-headers");

	private final java.util.Set<String> printed = java.util.concurrent.ConcurrentHashMap.newKeySet();

	// What arrived from the sockets, before TLS: how many reads, and their bytes. Two
	// clients sending the same requests can still arrive as different reads (one TLS
	// record or two, one segment or two), which costs the server differently.
	private final SocketReads socketReads = new SocketReads();

	private final LoopResources loops = LoopResources.create("bench-echo", 2, true);

	private final DisposableServer server;

	EchoServer(BenchPki pki, SslProvider provider) {
		SslContext context = serverContext(pki, provider);
		this.server = HttpServer.create()
			// Its own event loops: on the clients' (Reactor Netty's global ones) a client
			// connection and its server side could share a thread, answering with no
			// thread
			// hop at all. Which connections do depends on the order they were opened in,
			// so
			// one pool would run twice as fast as another for reasons of layout alone
			// (seen:
			// 2.7x at c=1 for one contender, in every fork).
			.runOn(this.loops)
			.host("127.0.0.1")
			.port(0)
			.secure((spec) -> spec.sslContext(context))
			// First in the pipeline, ahead of the TLS handler Reactor Netty added
			.doOnChannelInit(
					(observer, channel, address) -> channel.pipeline().addFirst("bench.socket-reads", this.socketReads))
			// Called for every request of a kept-alive connection: count each channel's
			// handshake once
			.doOnConnection((connection) -> {
				SslHandler handler = connection.channel().pipeline().get(SslHandler.class);
				if (handler != null && connection.channel().attr(COUNTED).setIfAbsent(Boolean.TRUE) == null) {
					handler.handshakeFuture().addListener((future) -> {
						if (future.isSuccess()) {
							this.handshakes.incrementAndGet();
						}
					});
				}
			})
			.handle((request, response) -> {
				if (PRINT_HEADERS) {
					printHeaders(request.method() + " " + request.uri(), request.requestHeaders());
				}
				String header = request.requestHeaders().get("Authorization");
				if (header != null && this.authorization == null) {
					this.authorization = header;
				}
				return response.header("Content-Type", "application/json")
					.header("Cko-Request-Id", "req_bench")
					.sendString(Mono.just(BODY));
			})
			.bindNow();
	}

	// Each request line and header set once, with the headers' size in bytes
	private void printHeaders(String line, io.netty.handler.codec.http.HttpHeaders headers) {
		StringBuilder names = new StringBuilder(line);
		int bytes = 0;
		for (java.util.Map.Entry<String, String> header : headers) {
			names.append(' ').append(header.getKey());
			if (!header.getKey().equalsIgnoreCase("Authorization")) {
				names.append("=").append(header.getValue());
			}
			bytes += header.getKey().length() + header.getValue().length() + 4;
		}
		if (this.printed.add(names.toString())) {
			System.out.println("  echo server received: " + names + " (" + bytes + " bytes of headers)");
		}
	}

	private static SslContext serverContext(BenchPki pki, SslProvider provider) {
		try {
			return SslContextBuilder.forServer(pki.ec.server().privateKey(), pki.ec.server().certificate())
				.sslProvider(provider)
				.protocols("TLSv1.3", "TLSv1.2")
				.clientAuth(ClientAuth.REQUIRE)
				.trustManager(pki.ec.root().certificate(), pki.rsa.root().certificate())
				.build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String baseUrl() {
		return "https://localhost:" + this.server.port();
	}

	/**
	 * Returns the first Authorization header the server received.
	 * @return the header, or {@code null} before any request carried one
	 */
	String authorization() {
		return this.authorization;
	}

	/**
	 * Returns the reads from the sockets so far, and their bytes, before TLS.
	 * @return the reads and the bytes
	 */
	long[] socketReads() {
		return new long[] { this.socketReads.reads.sum(), this.socketReads.bytes.sum() };
	}

	@ChannelHandler.Sharable
	private static final class SocketReads extends ChannelInboundHandlerAdapter {

		private final LongAdder reads = new LongAdder();

		private final LongAdder bytes = new LongAdder();

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			if (message instanceof ByteBuf buffer) {
				this.reads.increment();
				this.bytes.add(buffer.readableBytes());
			}
			context.fireChannelRead(message);
		}

	}

	long handshakes() {
		return this.handshakes.get();
	}

	@Override
	public void close() {
		this.server.disposeNow();
		this.loops.dispose();
	}

}
