package io.github.checkoutmtls.token;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

import io.netty.handler.ssl.SslHandshakeTimeoutException;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import io.github.checkoutmtls.diagnostics.CheckoutMtlsHandshakeException;
import io.github.checkoutmtls.diagnostics.HandshakeFailureListener;
import io.github.checkoutmtls.identity.ClientIdentity;
import reactor.core.publisher.Mono;

/**
 * Diagnoses a token request that failed in the TLS layer (an alert, or a certificate the
 * client does not trust) as a refused handshake. A plain reset or premature close is left
 * as it is: on the token call it is a transport failure, retried by the fetcher's bounded
 * retry, and never counted as a rejection.
 */
final class TokenCallDiagnosis implements ExchangeFilterFunction {

	private final Supplier<ClientIdentity> identity;

	private final Clock clock;

	private final HandshakeFailureListener listener;

	TokenCallDiagnosis(Supplier<ClientIdentity> identity, Clock clock, HandshakeFailureListener listener) {
		this.identity = identity;
		this.clock = clock;
		this.listener = listener;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return next.exchange(request)
			.onErrorMap((ex) -> ex instanceof WebClientRequestException
					&& !(ex instanceof CheckoutMtlsHandshakeException) && classify(ex) != null, this::diagnose);
	}

	private Throwable diagnose(Throwable ex) {
		CheckoutMtlsHandshakeException diagnosed = new CheckoutMtlsHandshakeException((WebClientRequestException) ex,
				classify(ex), this.identity.get(), this.clock.instant());
		this.listener.handshakeFailed(diagnosed);
		return diagnosed;
	}

	static CheckoutMtlsHandshakeException.Rejection classify(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof CertificateException || t instanceof CertPathValidatorException
					|| t instanceof CertPathBuilderException || t instanceof SSLPeerUnverifiedException) {
				return CheckoutMtlsHandshakeException.Rejection.SERVER_CERTIFICATE_UNTRUSTED;
			}
		}
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof SslHandshakeTimeoutException) {
				return null;
			}
			if (t instanceof SSLException) {
				return CheckoutMtlsHandshakeException.Rejection.CLIENT_CERTIFICATE_REJECTED;
			}
		}
		return null;
	}

}
