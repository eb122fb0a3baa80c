package io.github.checkoutmtls.connector;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;

/**
 * Counts the bytes a server sent on a connection after the TLS handshake completed on the
 * client's side. On TLS 1.3 the server checks the client certificate only after the
 * client finished, so a server that accepted it typically sends something next (a session
 * ticket, a response), while a server that refused it sends nothing but an alert or a
 * reset: the count tells a refused certificate from a connection lost after the server
 * took the request.
 */
final class TlsActivity extends ChannelInboundHandlerAdapter implements BooleanSupplier {

	static final String HANDLER_NAME = "checkoutMtlsTlsActivity";

	private static final AttributeKey<TlsActivity> KEY = AttributeKey.valueOf(TlsActivity.class.getName());

	private final AtomicLong received = new AtomicLong();

	private volatile long atHandshake = -1;

	TlsActivity() {
	}

	/**
	 * Returns the activity of a connection's channel.
	 * @param channel the channel
	 * @return its activity, or {@code null} when the channel was not opened by the
	 * starter's connector
	 */
	static TlsActivity of(Channel channel) {
		return channel.attr(KEY).get();
	}

	static void install(Channel channel) {
		TlsActivity activity = new TlsActivity();
		channel.attr(KEY).set(activity);
		channel.pipeline().addFirst(HANDLER_NAME, activity);
	}

	@Override
	public void channelActive(ChannelHandlerContext context) throws Exception {
		SslHandler ssl = context.pipeline().get(SslHandler.class);
		if (ssl != null) {
			ssl.handshakeFuture().addListener((done) -> this.atHandshake = this.received.get());
		}
		super.channelActive(context);
	}

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) throws Exception {
		if (message instanceof ByteBuf buffer) {
			this.received.addAndGet(buffer.readableBytes());
		}
		super.channelRead(context, message);
	}

	/**
	 * Returns whether the server sent anything after the client's side of the handshake
	 * completed.
	 * @return whether bytes arrived after the handshake
	 */
	boolean receivedAfterHandshake() {
		long handshake = this.atHandshake;
		return handshake >= 0 && this.received.get() > handshake;
	}

	@Override
	public boolean getAsBoolean() {
		return receivedAfterHandshake();
	}

}
