package io.github.checkoutmtls.pipeline;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import javax.net.ssl.SSLSession;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;

import org.springframework.http.client.reactive.ClientHttpRequest;

import reactor.netty.Connection;

/**
 * What one attempt did on the wire, taken at the connector where no filter or customizer
 * can bypass it: whether the request reached a connection (and so may have reached
 * Checkout), whether that connection was new, and which TLS version it negotiated.
 */
final class Wire {

	private static final AttributeKey<AtomicInteger> REQUESTS = AttributeKey
		.valueOf(Wire.class.getName() + ".requests");

	private volatile boolean written;

	private volatile boolean freshConnection;

	private volatile String protocol;

	private volatile BooleanSupplier activity;

	private volatile boolean serverSpoke;

	Wire() {
	}

	/**
	 * Creates the facts of an attempt as a test states them.
	 * @param written whether the request was written
	 * @param freshConnection whether the connection was new
	 * @param protocol the TLS protocol, such as {@code TLSv1.3}
	 * @param serverSpoke whether the server sent anything after the handshake
	 */
	Wire(boolean written, boolean freshConnection, String protocol, boolean serverSpoke) {
		this.written = written;
		this.freshConnection = freshConnection;
		this.protocol = protocol;
		this.serverSpoke = serverSpoke;
	}

	/**
	 * Notes that the request is being written to a connection.
	 * @param request the connection's request
	 */
	void writing(ClientHttpRequest request) {
		this.written = true;
		Object nativeRequest = request.getNativeRequest();
		if (nativeRequest instanceof Connection connection) {
			Channel channel = connection.channel();
			// A kept-alive connection already has its counter: no allocation on the
			// common path.
			Attribute<AtomicInteger> counter = channel.attr(REQUESTS);
			AtomicInteger requests = counter.get();
			if (requests == null) {
				requests = counter.setIfAbsent(new AtomicInteger(1));
			}
			this.freshConnection = (requests == null);
			if (requests != null) {
				requests.incrementAndGet();
			}
			this.activity = CheckoutMtlsConnector.serverActivity(channel);
			SslHandler ssl = channel.pipeline().get(SslHandler.class);
			SSLSession session = (ssl != null) ? ssl.engine().getSession() : null;
			this.protocol = (session != null) ? session.getProtocol() : null;
		}
		else {
			// Not Reactor Netty: nothing tells a new connection apart, so none is taken
			// for one.
			this.freshConnection = false;
		}
	}

	/**
	 * Whether the request started to be written: it may have reached Checkout.
	 * @return whether it was written
	 */
	boolean written() {
		return this.written;
	}

	/**
	 * Whether the attempt's connection carried no request before this one.
	 * @return whether the connection was new
	 */
	boolean freshConnection() {
		return this.freshConnection;
	}

	/**
	 * Whether the server sent anything after the client's side of the TLS handshake
	 * completed: on TLS 1.3, a server that refused the client certificate sends nothing
	 * but an alert or a reset.
	 * @return whether the server spoke after the handshake; {@code false} when not known
	 */
	boolean serverSpokeAfterHandshake() {
		BooleanSupplier current = this.activity;
		return (current != null) ? current.getAsBoolean() : this.serverSpoke;
	}

	/**
	 * Whether the connection negotiated TLS 1.3, where the server checks the client
	 * certificate only after the client finished its handshake, so its refusal arrives
	 * after the request was written.
	 * @return whether the protocol is TLS 1.3
	 */
	boolean tls13() {
		return "TLSv1.3".equals(this.protocol);
	}

}
