package io.github.checkoutmtls.pipeline;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.junit.jupiter.api.Test;

import io.github.checkoutmtls.connector.IdentityReplacedException;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.pki.TestPki;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.internal.shaded.reactor.pool.PoolShutdownException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FailureKind}: where an attempt failed decides what its failure means.
 */
class FailureKindTests {

	private static final Wire NOT_WRITTEN = new Wire(false, false, null, false);

	private static final Wire NEW_TLS13 = new Wire(true, true, "TLSv1.3", false);

	private static final Wire NEW_TLS13_AFTER_TICKET = new Wire(true, true, "TLSv1.3", true);

	private static final Wire NEW_TLS12 = new Wire(true, true, "TLSv1.2", false);

	private static final Wire REUSED_TLS13 = new Wire(true, false, "TLSv1.3", true);

	@Test
	void connectFailuresBeforeWriteMeanNothingWasSent() {
		assertThat(FailureKind.of(new ConnectException("Connection refused"), NOT_WRITTEN))
			.isEqualTo(FailureKind.CONNECT);
		assertThat(FailureKind.of(new ConnectTimeoutException("timed out"), NOT_WRITTEN))
			.isEqualTo(FailureKind.CONNECT);
		assertThat(FailureKind.of(new SslHandshakeTimeoutException("handshake timed out"), NOT_WRITTEN))
			.isEqualTo(FailureKind.CONNECT);
	}

	@Test
	void resetOrAlertDuringTheHandshakeIsARejection() {
		assertThat(FailureKind.of(new IOException("Connection reset by peer"), NOT_WRITTEN))
			.isEqualTo(FailureKind.HANDSHAKE_REJECTED);
		assertThat(FailureKind.of(new SSLHandshakeException("Received fatal alert: bad_certificate"), NOT_WRITTEN))
			.isEqualTo(FailureKind.HANDSHAKE_REJECTED);
	}

	@Test
	void alertOnANewConnectionAfterWriteIsARejection() {
		assertThat(FailureKind.of(new SSLHandshakeException("Received fatal alert: certificate_required"), NEW_TLS13))
			.isEqualTo(FailureKind.HANDSHAKE_REJECTED);
	}

	@Test
	void resetOnANewTls13ConnectionAfterWriteIsAmbiguous() {
		assertThat(FailureKind.of(new IOException("Connection reset by peer"), NEW_TLS13))
			.isEqualTo(FailureKind.RESET_ON_NEW_TLS13_CONNECTION);
		assertThat(FailureKind.of(prematureClose(), NEW_TLS13)).isEqualTo(FailureKind.RESET_ON_NEW_TLS13_CONNECTION);
	}

	@Test
	void resetOnANewTls13ConnectionAfterTheServerSpokeIsATransportFailure() {
		assertThat(FailureKind.of(new IOException("Connection reset by peer"), NEW_TLS13_AFTER_TICKET))
			.isEqualTo(FailureKind.TRANSPORT_AFTER_WRITE);
	}

	@Test
	void resetAfterWriteOnAReusedConnectionOrOnTls12IsATransportFailure() {
		assertThat(FailureKind.of(new IOException("Connection reset by peer"), REUSED_TLS13))
			.isEqualTo(FailureKind.TRANSPORT_AFTER_WRITE);
		assertThat(FailureKind.of(prematureClose(), NEW_TLS12)).isEqualTo(FailureKind.TRANSPORT_AFTER_WRITE);
		assertThat(FailureKind.of(new SSLHandshakeException("close_notify"), REUSED_TLS13))
			.isEqualTo(FailureKind.OTHER);
	}

	@Test
	void responseTimeoutAfterWriteIsATimeout() {
		assertThat(FailureKind.of(ReadTimeoutException.INSTANCE, REUSED_TLS13))
			.isEqualTo(FailureKind.TIMEOUT_AFTER_WRITE);
		assertThat(FailureKind.of(ReadTimeoutException.INSTANCE, NEW_TLS13)).isEqualTo(FailureKind.TIMEOUT_AFTER_WRITE);
	}

	@Test
	void untrustedServerAndUnknownHostAreFinal() {
		assertThat(FailureKind.of(new SSLHandshakeException("PKIX").initCause(new CertPathValidatorException("x")),
				NOT_WRITTEN))
			.isEqualTo(FailureKind.SERVER_UNTRUSTED);
		assertThat(FailureKind.of(new UnknownHostException("mtls.api.invalid"), NOT_WRITTEN))
			.isEqualTo(FailureKind.UNRESOLVED_HOST);
	}

	@Test
	void replacedIdentityStartsOver() {
		ClientIdentity first = identity(TestPki.builder().build());
		ClientIdentity second = identity(TestPki.builder().build());
		assertThat(FailureKind.of(new IdentityReplacedException(first, second), NOT_WRITTEN))
			.isEqualTo(FailureKind.IDENTITY_REPLACED);
	}

	@Test
	void poolShutDownBeforeAnythingWasWrittenIsToldApart() {
		assertThat(
				FailureKind.of(new IllegalStateException("acquire failed", new PoolShutdownException()), NOT_WRITTEN))
			.isEqualTo(FailureKind.POOL_SHUT_DOWN);
		// Once written, a shutdown is no proof that nothing was sent.
		assertThat(FailureKind.of(new PoolShutdownException(), REUSED_TLS13)).isEqualTo(FailureKind.OTHER);
	}

	@Test
	void failureOfTheCallersOwnBodyPassesThrough() {
		assertThat(FailureKind.of(new IllegalStateException("encoder failed"), REUSED_TLS13))
			.isEqualTo(FailureKind.OTHER);
		assertThat(FailureKind.of(new IllegalStateException("encoder failed"), NOT_WRITTEN))
			.isEqualTo(FailureKind.OTHER);
	}

	// What the caller's own body throws is the caller's, whatever it looks like, on the
	// very wire where the same exception from the connection would be a refused
	// certificate, a lost connection or a timeout.
	@Test
	void failureOfTheCallersBodyIsNeverTakenForTheConnections() {
		for (Throwable failure : List.of(new IOException("Connection reset by peer"), new TimeoutException("upstream"),
				new SSLException("upstream TLS"), prematureClose(), new UnknownHostException("upstream.example"),
				new IllegalStateException("upstream", new CertPathValidatorException("untrusted upstream")))) {
			Wire beforeAnything = new Wire(true, true, "TLSv1.3", false);
			beforeAnything.callersBodyFailed(failure, false);
			assertThat(FailureKind.of(failure, beforeAnything)).as("%s", failure).isEqualTo(FailureKind.OTHER);
			assertThat(FailureKind.of(new IllegalStateException("wrapped", failure), beforeAnything)).as("%s", failure)
				.isEqualTo(FailureKind.OTHER);
			Wire afterTheHeaders = new Wire(true, true, "TLSv1.3", false);
			afterTheHeaders.callersBodyFailed(failure, true);
			assertThat(FailureKind.of(failure, afterTheHeaders)).as("%s", failure)
				.isEqualTo(FailureKind.CALLERS_BODY_FAILED_AFTER_START);
		}
	}

	@Test
	void failureOfTheConnectionAfterTheCallersBodyFailedIsStillTheConnections() {
		Wire wire = new Wire(true, true, "TLSv1.3", false);
		wire.callersBodyFailed(new IllegalStateException("encoder failed"), true);
		assertThat(FailureKind.of(new IOException("Connection reset by peer"), wire))
			.isEqualTo(FailureKind.RESET_ON_NEW_TLS13_CONNECTION);
	}

	private static PrematureCloseException prematureClose() {
		try {
			var constructor = PrematureCloseException.class.getDeclaredConstructor(String.class);
			constructor.setAccessible(true);
			return constructor.newInstance("Connection prematurely closed BEFORE response");
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ClientIdentity identity(TestPki pki) {
		return ClientIdentity.of(pki.chainFor(pki.leaf()), pki.leaf().privateKey(), "test");
	}

}
