package io.github.checkoutmtls.test.simulator;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;

/**
 * Makes one connection's handshake fail, for
 * {@link SimulatorFaults#rejectHandshakes(int)}. The trust manager cannot do it: a client
 * resuming a TLS session skips certificate validation. Instead the connection's engine is
 * left with no usable cipher suite, so the server fails at the ClientHello, sends a
 * {@code handshake_failure} alert or, in {@link HandshakeRejection#RESET} mode, resets
 * the connection.
 */
final class InjectedHandshakeRejection {

	static final String REASON = "injected fault: handshake rejected";

	// A signalling value, never negotiated: enabling only it leaves no suite in common
	// with any client
	private static final String NO_CIPHER_SUITE = "TLS_EMPTY_RENEGOTIATION_INFO_SCSV";

	private static final AttributeKey<Boolean> APPLIED = AttributeKey
		.valueOf(InjectedHandshakeRejection.class.getName());

	private InjectedHandshakeRejection() {
	}

	static void apply(Channel channel) {
		channel.attr(APPLIED).set(Boolean.TRUE);
		channel.pipeline().get(SslHandler.class).engine().setEnabledCipherSuites(new String[] { NO_CIPHER_SUITE });
	}

	static boolean isApplied(Channel channel) {
		return Boolean.TRUE.equals(channel.attr(APPLIED).get());
	}

}
