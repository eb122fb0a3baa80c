package io.github.checkoutmtls.test.simulator;

import java.nio.channels.ClosedChannelException;
import java.time.Instant;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right after the {@code SslHandler} and records every failed client handshake with
 * its reason. In {@link HandshakeRejection#RESET} mode it also closes the connection with
 * SO_LINGER 0; the alert itself is held back by {@link AlertSuppressor}, because
 * depending on where the engine failed the {@code SslHandler} may flush it before this
 * event arrives.
 */
final class HandshakeGuard extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(HandshakeGuard.class);

	private final SimulatorHost host;

	private final HandshakeRejection rejection;

	private final SimulatorRecords records;

	HandshakeGuard(SimulatorHost host, HandshakeRejection rejection, SimulatorRecords records) {
		this.host = host;
		this.rejection = rejection;
		this.records = records;
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
		if (event instanceof SslHandshakeCompletionEvent completion) {
			if (!completion.isSuccess()) {
				reject(ctx, completion.cause());
				if (this.rejection == HandshakeRejection.RESET) {
					return;
				}
			}
			else {
				ctx.pipeline().remove(this);
				acknowledgeAcceptedCertificate(ctx);
			}
		}
		ctx.fireUserEventTriggered(event);
	}

	// Production TLS 1.3 servers speak right after accepting the client's certificate
	// (OpenSSL-based ones send session tickets at once); SunJSSE behind Netty sends
	// nothing until the response. A KeyUpdate (what SSLEngine.beginHandshake() sends on
	// TLS 1.3, RFC 8446 section 4.6.3) plays that part, so that a client can tell a
	// refused certificate (nothing after the handshake) from a connection lost after the
	// request.
	private static void acknowledgeAcceptedCertificate(ChannelHandlerContext ctx) {
		SslHandler ssl = ctx.pipeline().get(SslHandler.class);
		if (ssl != null && "TLSv1.3".equals(ssl.engine().getSession().getProtocol())) {
			ssl.renegotiate();
		}
	}

	private void reject(ChannelHandlerContext ctx, Throwable cause) {
		HandshakeRejectionRecord record = record(ctx, cause);
		this.records.add(record);
		logger.debug("Rejected handshake on {} port from {}: {}", this.host, ctx.channel().remoteAddress(),
				record.reason());
		if (this.rejection == HandshakeRejection.RESET) {
			ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
			ctx.channel().close();
		}
	}

	private HandshakeRejectionRecord record(ChannelHandlerContext ctx, Throwable cause) {
		if (InjectedHandshakeRejection.isApplied(ctx.channel())) {
			return new HandshakeRejectionRecord(this.host, InjectedHandshakeRejection.REASON, null, Instant.now());
		}
		for (Throwable candidate = cause; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof ClientCertificateRejectedException rejected) {
				return new HandshakeRejectionRecord(this.host, rejected.reason(), rejected.presentedSubject(),
						Instant.now());
			}
		}
		return new HandshakeRejectionRecord(this.host, reason(cause), null, Instant.now());
	}

	private static String reason(Throwable cause) {
		String message = String.valueOf(cause.getMessage());
		// SunJSSE refuses an empty Certificate message itself, before any trust manager
		// is asked
		if (message.contains("Empty client certificate chain")) {
			return "no client certificate";
		}
		if (cause instanceof NotSslRecordException) {
			return "not a TLS connection";
		}
		if (cause instanceof ClosedChannelException || message.contains("Received fatal alert")) {
			return "client aborted the handshake: " + cause;
		}
		return "handshake failed: " + cause;
	}

}
