package io.github.checkoutmtls.pipeline;

import java.util.function.BooleanSupplier;

import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;

import org.springframework.http.client.reactive.ClientHttpRequest;

import reactor.netty.channel.ChannelOperations;

/**
 * What one attempt did on the wire, taken at the connector where no filter or customizer
 * can bypass it: whether the request reached a connection (and so may have reached
 * Checkout), whether that connection was new, and which TLS version it negotiated. Each
 * {@link Attempt} is one, rather than holding one, since every request makes an attempt.
 */
class Wire {

	// What stays true of a connection for its life, taken by its first request: later
	// ones find it with one attribute read, not a search of the channel's pipeline.
	private static final AttributeKey<ConnectionFacts> FACTS = AttributeKey.valueOf(Wire.class.getName() + ".facts");

	// Plain fields: written by the attempt's write callback and read by its decision,
	// which Reactor Netty signals after it, through the connection's event loop.
	private boolean written;

	private boolean freshConnection;

	private @Nullable String protocol;

	private @Nullable BooleanSupplier activity;

	private boolean serverSpoke;

	// The caller's own body's failure, if it failed, and whether it had given anything
	// to send before.
	private @Nullable Throwable bodyFailure;

	private boolean bodyStarted;

	Wire() {
	}

	/**
	 * Creates the facts of an attempt as a test states them.
	 * @param written whether the request was written
	 * @param freshConnection whether the connection was new
	 * @param protocol the TLS protocol, such as {@code TLSv1.3}
	 * @param serverSpoke whether the server sent anything after the handshake
	 */
	Wire(boolean written, boolean freshConnection, @Nullable String protocol, boolean serverSpoke) {
		this.written = written;
		this.freshConnection = freshConnection;
		this.protocol = protocol;
		this.serverSpoke = serverSpoke;
	}

	/**
	 * Notes that the request is being written to a connection.
	 * @param request the connection's request
	 */
	final void writing(ClientHttpRequest request) {
		this.written = true;
		// Reactor Netty's request is its connection's operations. A check against that
		// class is one comparison; one against the Connection interface searches the
		// object's interfaces whenever another interface was checked last.
		Object nativeRequest = request.getNativeRequest();
		if (nativeRequest instanceof ChannelOperations<?, ?> connection) {
			Channel channel = connection.channel();
			Attribute<ConnectionFacts> attribute = channel.attr(FACTS);
			ConnectionFacts facts = attribute.get();
			boolean fresh = false;
			if (facts == null) {
				ConnectionFacts taken = ConnectionFacts.of(channel);
				facts = attribute.setIfAbsent(taken);
				fresh = (facts == null);
				if (fresh) {
					facts = taken;
				}
			}
			this.freshConnection = fresh;
			this.protocol = facts.protocol();
			this.activity = facts.activity();
		}
		else {
			// Not Reactor Netty: nothing tells a new connection apart, so none is taken
			// for one.
			this.freshConnection = false;
		}
	}

	/**
	 * Notes that the caller's own body failed.
	 * @param failure the body's failure
	 * @param started whether the body had given anything to send before it failed
	 */
	final void callersBodyFailed(Throwable failure, boolean started) {
		this.bodyFailure = failure;
		this.bodyStarted = started;
	}

	/**
	 * Whether the failure is, or was caused by, the failure of the caller's own body.
	 * @param failure the attempt's failure
	 * @return whether the caller's body failed it
	 */
	final boolean isCallersBodyFailure(Throwable failure) {
		Throwable body = this.bodyFailure;
		if (body == null) {
			return false;
		}
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t == body) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the caller's body had given anything to send before it failed: Reactor
	 * Netty then sent the headers, and possibly the whole body.
	 * @return whether the failed body had started
	 */
	final boolean callersBodyStarted() {
		return this.bodyStarted;
	}

	/**
	 * Whether the request started to be written: it may have reached Checkout.
	 * @return whether it was written
	 */
	final boolean written() {
		return this.written;
	}

	/**
	 * Whether the attempt's connection carried no request before this one.
	 * @return whether the connection was new
	 */
	final boolean freshConnection() {
		return this.freshConnection;
	}

	/**
	 * Whether the server sent anything after the client's side of the TLS handshake
	 * completed: on TLS 1.3, a server that refused the client certificate sends nothing
	 * but an alert or a reset.
	 * @return whether the server spoke after the handshake; {@code false} when not known
	 */
	final boolean serverSpokeAfterHandshake() {
		BooleanSupplier current = this.activity;
		return (current != null) ? current.getAsBoolean() : this.serverSpoke;
	}

	/**
	 * Whether the connection negotiated TLS 1.3, where the server checks the client
	 * certificate only after the client finished its handshake, so its refusal arrives
	 * after the request was written.
	 * @return whether the protocol is TLS 1.3
	 */
	final boolean tls13() {
		return "TLSv1.3".equals(this.protocol);
	}

	/**
	 * What a connection's first request found of it: the TLS protocol its handshake
	 * negotiated (done before Reactor Netty hands the connection out) and what tells
	 * whether the server spoke after it.
	 *
	 * @param protocol the negotiated protocol, or {@code null} without TLS
	 * @param activity the server's activity after the handshake, or {@code null} when the
	 * channel was not opened by the starter's connector
	 */
	private record ConnectionFacts(@Nullable String protocol, @Nullable BooleanSupplier activity) {

		static ConnectionFacts of(Channel channel) {
			SslHandler ssl = channel.pipeline().get(SslHandler.class);
			SSLSession session = (ssl != null) ? ssl.engine().getSession() : null;
			return new ConnectionFacts((session != null) ? session.getProtocol() : null,
					CheckoutMtlsConnector.serverActivity(channel));
		}

	}

}
