package io.github.checkoutmtls.pipeline;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;

import io.github.checkoutmtls.connector.IdentityReplacedException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * What an attempt that got no response came to, told apart by where it failed: before the
 * request reached a connection (nothing was sent), during or right after the TLS
 * handshake (a refused certificate), or after the request was written (it may have been
 * processed).
 */
enum FailureKind {

	/**
	 * The identity was replaced before anything was sent: start over with the new one,
	 * not counted.
	 */
	IDENTITY_REPLACED,

	/**
	 * The pool was shut down while the attempt waited for one of its connections, before
	 * anything was sent: by a swap (start over with the new identity, not counted), or by
	 * the connector's own shutdown (passed on as it is).
	 */
	POOL_SHUT_DOWN,

	/**
	 * No connection could be made (refused, timed out, handshake timed out): nothing was
	 * sent.
	 */
	CONNECT,

	/**
	 * The host name does not resolve: the same every time.
	 */
	UNRESOLVED_HOST,

	/**
	 * This client refused the server's certificate.
	 */
	SERVER_UNTRUSTED,

	/**
	 * The server refused the handshake: Checkout's answer to a certificate it cannot
	 * validate (docs "Mutual TLS", Apr 2026: "connection reset by peer").
	 */
	HANDSHAKE_REJECTED,

	/**
	 * A connection reset on a new TLS 1.3 connection after the request was written,
	 * before the server sent anything after the handshake: how a refused certificate
	 * arrives on TLS 1.3 (the server checks it after the client finished), though a
	 * server that sends no session ticket could also have dropped the connection after
	 * receiving the request.
	 */
	RESET_ON_NEW_TLS13_CONNECTION,

	/**
	 * The connection failed after the request was written, before a response: it may have
	 * been processed.
	 */
	TRANSPORT_AFTER_WRITE,

	/**
	 * No response within the response timeout after the request was written: it may still
	 * be processed.
	 */
	TIMEOUT_AFTER_WRITE,

	/**
	 * The caller's own body failed once part of the request may have been sent (the
	 * headers, some or all of the body): whatever it looks like (a timeout, a reset of
	 * the connection it was read from), it is not the connection to Checkout failing, and
	 * the request may have reached Checkout.
	 */
	CALLERS_BODY_FAILED_AFTER_START,

	/**
	 * Anything else, such as a failure of the caller's own body before anything was sent:
	 * passed on as it is.
	 */
	OTHER;

	/**
	 * Classifies an attempt's failure.
	 * @param failure the failure
	 * @param wire what the attempt did on the wire
	 * @return the kind of failure
	 */
	static FailureKind of(Throwable failure, Wire wire) {
		// First: the caller's body may fail with anything (its own unknown host, an
		// untrusted certificate of the service it read from), none of it this
		// connection's.
		if (wire.isCallersBodyFailure(failure)) {
			return wire.callersBodyStarted() ? CALLERS_BODY_FAILED_AFTER_START : OTHER;
		}
		if (has(failure, IdentityReplacedException.class)) {
			return IDENTITY_REPLACED;
		}
		if (has(failure, UnknownHostException.class)) {
			return UNRESOLVED_HOST;
		}
		if (isServerUntrusted(failure)) {
			return SERVER_UNTRUSTED;
		}
		if (!wire.written()) {
			return isPoolShutdown(failure) ? POOL_SHUT_DOWN : beforeWrite(failure);
		}
		if (has(failure, ReadTimeoutException.class) || has(failure, TimeoutException.class)) {
			return TIMEOUT_AFTER_WRITE;
		}
		if (wire.freshConnection() && has(failure, SSLException.class)) {
			// A TLS alert on a connection that never carried a response: the server
			// refused the handshake.
			return HANDSHAKE_REJECTED;
		}
		if (isConnectionLost(failure)) {
			return (wire.freshConnection() && wire.tls13() && !wire.serverSpokeAfterHandshake())
					? RESET_ON_NEW_TLS13_CONNECTION : TRANSPORT_AFTER_WRITE;
		}
		return OTHER;
	}

	private static FailureKind beforeWrite(Throwable failure) {
		if (has(failure, ConnectException.class) || has(failure, ConnectTimeoutException.class)
				|| has(failure, SslHandshakeTimeoutException.class)) {
			return CONNECT;
		}
		if (has(failure, SSLException.class) || isConnectionLost(failure)) {
			return HANDSHAKE_REJECTED;
		}
		return OTHER;
	}

	/**
	 * Whether the failure is the connection going away: a reset, a premature close, a
	 * closed channel.
	 * @param failure the failure
	 * @return whether the connection was lost
	 */
	static boolean isConnectionLost(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof PrematureCloseException || t instanceof ClosedChannelException
					|| t.getClass().getName().equals("reactor.netty.channel.AbortedException")
					|| (t instanceof IOException && t.getMessage() != null
							&& (t.getMessage().contains("Connection reset")
									|| t.getMessage().contains("Broken pipe")))) {
				return true;
			}
		}
		return false;
	}

	// Reactor Netty shades reactor-pool, so the type is matched by name.
	private static boolean isPoolShutdown(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t.getClass().getSimpleName().equals("PoolShutdownException")) {
				return true;
			}
		}
		return false;
	}

	private static boolean isServerUntrusted(Throwable failure) {
		return has(failure, CertificateException.class) || has(failure, CertPathValidatorException.class)
				|| has(failure, CertPathBuilderException.class) || has(failure, SSLPeerUnverifiedException.class);
	}

	private static boolean has(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}

}
