package io.github.checkoutmtls.connector;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link TlsActivity}: real handshakes with a local mTLS server that holds
 * {@code /slow} until released, so what the server sent after the handshake is known at
 * each step.
 */
class TlsActivityTests {

	private static final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	private final ClientIdentity identity = ClientIdentity.of(pki.chainFor(pki.leaf()), pki.leaf().privateKey(),
			"test");

	private final BlockingQueue<Channel> channels = new LinkedBlockingQueue<>();

	private SlowMtlsServer server;

	private CheckoutMtlsConnector connector;

	@AfterEach
	void stop() {
		if (this.connector != null) {
			this.connector.destroy();
		}
		if (this.server != null) {
			this.server.release();
			this.server.close();
		}
	}

	@Test
	void tls12ServerThatSentNothingAfterItsHandshakeHasNotSpokenUntilItAnswers() throws Exception {
		CompletableFuture<String> slow = start(new SlowMtlsServer(pki, "TLSv1.2"));
		TlsActivity activity = TlsActivity.of(connectedChannel());
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.server.received().isEmpty());
		// TLS 1.2: the server's last handshake message was its Finished; it has sent
		// nothing since.
		assertThat(activity.receivedAfterHandshake()).isFalse();
		this.server.release();
		assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(this.identity.thumbprint());
		assertThat(activity.receivedAfterHandshake()).as("the response came after the handshake").isTrue();
	}

	@Test
	void tls13ServerThatAcceptedTheCertificateSpeaksBeforeItAnswers() throws Exception {
		CompletableFuture<String> slow = start(new SlowMtlsServer(pki, "TLSv1.3"));
		TlsActivity activity = TlsActivity.of(connectedChannel());
		// The session ticket a TLS 1.3 server sends once it accepted the client's
		// Finished.
		await().atMost(Duration.ofSeconds(10)).until(activity::receivedAfterHandshake);
		assertThat(slow).isNotDone();
		this.server.release();
		assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(this.identity.thumbprint());
	}

	@Test
	void channelNotOpenedByTheConnectorHasNoActivity() {
		assertThat(TlsActivity.of(new EmbeddedChannel())).isNull();
	}

	@Test
	void channelWithoutTlsCountsNothingAsAfterAHandshake() {
		EmbeddedChannel channel = new EmbeddedChannel();
		TlsActivity.install(channel);
		assertThat(channel.pipeline().get(TlsActivity.HANDLER_NAME)).isSameAs(TlsActivity.of(channel));
		channel.pipeline().fireChannelActive();
		channel.writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(new byte[] { 1, 2, 3 }));
		assertThat(TlsActivity.of(channel).receivedAfterHandshake()).isFalse();
		channel.finishAndReleaseAll();
	}

	private CompletableFuture<String> start(SlowMtlsServer server) {
		this.server = server;
		this.connector = new CheckoutMtlsConnector(this.identity,
				new ReactorNettyConnectorFactory(
						new ConnectorSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), 4, Duration.ofSeconds(30),
								Duration.ofMinutes(1), List.of(pki.serverCa()), TlsProvider.JDK),
						(client) -> client.doOnConnected((connection) -> this.channels.add(connection.channel()))));
		WebClient client = WebClient.builder().clientConnector(this.connector).baseUrl(server.baseUrl()).build();
		return client.get().uri("/slow").retrieve().bodyToMono(String.class).toFuture();
	}

	private Channel connectedChannel() throws InterruptedException {
		Channel channel = this.channels.poll(10, TimeUnit.SECONDS);
		assertThat(channel).as("a connection was opened").isNotNull();
		return channel;
	}

}
