package io.github.checkoutmtls.pipeline;

import javax.net.ssl.SSLException;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.mock.http.client.reactive.MockClientHttpRequest;

import io.github.checkoutmtls.test.pki.TestPki;
import reactor.netty.Connection;
import reactor.netty.ConnectionObserver;
import reactor.netty.channel.ChannelOperations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Wire}: what it reads from the connection a request is written to. The
 * connections are in memory, their TLS handshakes real, with the test PKI's server
 * certificate.
 */
class WireTests {

	private static final TestPki pki = TestPki.builder().build();

	private EmbeddedChannel client;

	private EmbeddedChannel server;

	@AfterEach
	void close() {
		if (this.client != null) {
			this.client.finishAndReleaseAll();
			this.server.finishAndReleaseAll();
		}
	}

	@Test
	void firstRequestOnAConnectionIsOnAFreshConnectionAndTheNextOneIsNot() throws SSLException {
		handshake("TLSv1.3");
		Wire first = new Wire();
		first.writing(requestOn(this.client));
		Wire second = new Wire();
		second.writing(requestOn(this.client));
		Wire third = new Wire();
		third.writing(requestOn(this.client));
		assertThat(first.written()).isTrue();
		assertThat(first.freshConnection()).isTrue();
		assertThat(second.freshConnection()).isFalse();
		assertThat(third.freshConnection()).isFalse();
	}

	@Test
	void connectionThatNegotiatedTls13IsTls13() throws SSLException {
		handshake("TLSv1.3");
		Wire wire = new Wire();
		wire.writing(requestOn(this.client));
		assertThat(wire.tls13()).isTrue();
	}

	@Test
	void laterRequestOnAConnectionFindsTheProtocolItsFirstRequestTook() throws SSLException {
		handshake("TLSv1.3");
		Wire first = new Wire();
		first.writing(requestOn(this.client));
		assertThat(first.freshConnection()).isTrue();
		// Taken once per connection: the handler is no longer searched for.
		this.client.pipeline().remove(SslHandler.class);
		Wire later = new Wire();
		later.writing(requestOn(this.client));
		assertThat(later.tls13()).isTrue();
		assertThat(later.freshConnection()).isFalse();
	}

	@Test
	void connectionThatNegotiatedTls12IsNotTls13() throws SSLException {
		handshake("TLSv1.2");
		Wire wire = new Wire();
		wire.writing(requestOn(this.client));
		assertThat(wire.tls13()).isFalse();
		assertThat(wire.freshConnection()).isTrue();
	}

	@Test
	void connectionWithoutTlsIsNotTls13() {
		this.client = new EmbeddedChannel();
		this.server = new EmbeddedChannel();
		Wire wire = new Wire();
		wire.writing(requestOn(this.client));
		assertThat(wire.tls13()).isFalse();
		assertThat(wire.freshConnection()).isTrue();
	}

	@Test
	void requestNotOnAReactorNettyConnectionIsNeverTakenForAFreshConnection() {
		Wire wire = new Wire();
		wire.writing(new MockClientHttpRequest(HttpMethod.GET, "/workflows"));
		assertThat(wire.written()).isTrue();
		assertThat(wire.freshConnection()).isFalse();
		assertThat(wire.tls13()).isFalse();
		assertThat(wire.serverSpokeAfterHandshake()).isFalse();
	}

	private void handshake(String protocol) throws SSLException {
		SslContext serverContext = SslContextBuilder.forServer(pki.server().privateKey(), pki.server().certificate())
			.protocols(protocol)
			.build();
		SslContext clientContext = SslContextBuilder.forClient()
			.trustManager(pki.serverCa())
			.protocols(protocol)
			.build();
		SslHandler clientSsl = clientContext.newHandler(ByteBufAllocator.DEFAULT, "localhost", 443);
		this.client = new EmbeddedChannel(clientSsl);
		this.server = new EmbeddedChannel(serverContext.newHandler(ByteBufAllocator.DEFAULT));
		for (int flight = 0; flight < 10 && !clientSsl.handshakeFuture().isDone(); flight++) {
			pass(this.client, this.server);
			pass(this.server, this.client);
		}
		assertThat(clientSsl.handshakeFuture().isSuccess()).as("in-memory %s handshake", protocol).isTrue();
	}

	private static void pass(EmbeddedChannel from, EmbeddedChannel to) {
		for (ByteBuf bytes = from.readOutbound(); bytes != null; bytes = from.readOutbound()) {
			to.writeInbound(bytes);
		}
	}

	// As Reactor Netty's request is: the operations of its connection.
	private static MockClientHttpRequest requestOn(EmbeddedChannel channel) {
		ChannelOperations<?, ?> connection = new ChannelOperations<>(Connection.from(channel),
				ConnectionObserver.emptyListener());
		return new MockClientHttpRequest(HttpMethod.GET, "/workflows") {

			@Override
			@SuppressWarnings("unchecked")
			public <T> T getNativeRequest() {
				return (T) connection;
			}

		};
	}

}
