package io.github.checkoutmtls.test.simulator;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;

/**
 * In {@link HandshakeRejection#RESET} mode, sits between the socket and the
 * {@link SslHandler} and turns a rejected handshake into a TCP reset: it drops the TLS
 * alert the engine produced and closes with SO_LINGER 0, which makes the kernel send RST
 * instead of FIN.
 *
 * <p>
 * The alert has to be caught here, on its way to the socket, because the
 * {@code SslHandler} writes and flushes it before it reports the handshake failure to the
 * handlers after it. It is recognised as the first bytes written after the engine closed
 * its outbound side while the handshake had not completed: a fatal alert is the only
 * thing an engine produces in that state.
 */
final class AlertSuppressor extends ChannelOutboundHandlerAdapter {

	private SslHandler sslHandler;

	private boolean rejected;

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.sslHandler = ctx.pipeline().get(SslHandler.class);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
		if (this.rejected || handshakeAborted()) {
			this.rejected = true;
			ReferenceCountUtil.release(msg);
			promise.trySuccess();
			return;
		}
		ctx.write(msg, promise);
	}

	@Override
	public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
		if (this.rejected || handshakeAborted()) {
			ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
		}
		ctx.close(promise);
	}

	private boolean handshakeAborted() {
		return this.sslHandler != null && !this.sslHandler.handshakeFuture().isSuccess()
				&& this.sslHandler.engine().isOutboundDone();
	}

}
