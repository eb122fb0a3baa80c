package io.github.checkoutmtls.diagnostics;

import java.io.IOException;
import java.net.ConnectException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLHandshakeException;

import io.netty.handler.ssl.SslHandshakeTimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HandshakeDiagnosisFilter#classify(Throwable)} on failures a loopback
 * peer cannot easily produce.
 */
class HandshakeClassificationTests {

	@Test
	void classifyWhenPeerSentAlertBlamesClientCertificate() {
		assertThat(HandshakeDiagnosisFilter.classify(new SSLHandshakeException("Received fatal alert: unknown_ca")))
			.isEqualTo(CheckoutMtlsHandshakeException.Rejection.CLIENT_CERTIFICATE_REJECTED);
	}

	@Test
	void classifyWhenConnectionWasResetSaysSoWithoutClaimingMore() {
		assertThat(HandshakeDiagnosisFilter.classify(new IOException("Connection reset by peer")))
			.isEqualTo(CheckoutMtlsHandshakeException.Rejection.CONNECTION_RESET);
	}

	@Test
	void classifyWhenServerCertificateFailedValidationBlamesServerCertificate() {
		SSLHandshakeException ex = new SSLHandshakeException("PKIX path building failed");
		ex.initCause(new CertificateException("unable to find valid certification path"));
		assertThat(HandshakeDiagnosisFilter.classify(ex))
			.isEqualTo(CheckoutMtlsHandshakeException.Rejection.SERVER_CERTIFICATE_UNTRUSTED);
	}

	@Test
	void classifyWhenHandshakeTimedOutIsNotARejection() {
		assertThat(HandshakeDiagnosisFilter
			.classify(new SslHandshakeTimeoutException("handshake timed out after 10000ms"))).isNull();
	}

	@Test
	void classifyWhenConnectionWasRefusedIsNotARejection() {
		assertThat(HandshakeDiagnosisFilter.classify(new ConnectException("Connection refused"))).isNull();
	}

}
