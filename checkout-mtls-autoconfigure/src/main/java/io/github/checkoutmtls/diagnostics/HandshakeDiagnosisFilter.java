package io.github.checkoutmtls.diagnostics;

import java.io.IOException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import io.github.checkoutmtls.identity.ClientIdentity;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Turns request failures caused by a refused TLS handshake into a
 * {@link CheckoutMtlsHandshakeException} that explains them. Other failures pass through
 * unchanged.
 */
final class HandshakeDiagnosisFilter implements ExchangeFilterFunction {

	private final Supplier<ClientIdentity> identity;

	private final Clock clock;

	private final HandshakeFailureListener listener;

	private final boolean resetsAreRejections;

	/**
	 * Creates a filter.
	 * @param identity the identity currently presented
	 * @param clock the clock for the days left
	 */
	HandshakeDiagnosisFilter(Supplier<ClientIdentity> identity, Clock clock) {
		this(identity, clock, (failure) -> {
		}, true);
	}

	/**
	 * Creates a filter that tells a listener about every refused handshake.
	 * @param identity the identity currently presented
	 * @param clock the clock for the days left
	 * @param listener told about every diagnosed failure
	 * @param resetsAreRejections whether a reset before any response is diagnosed too, or
	 * left as a transport failure (only failures in the TLS layer are diagnosed then)
	 */
	HandshakeDiagnosisFilter(Supplier<ClientIdentity> identity, Clock clock, HandshakeFailureListener listener,
			boolean resetsAreRejections) {
		this.identity = identity;
		this.clock = clock;
		this.listener = listener;
		this.resetsAreRejections = resetsAreRejections;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return next.exchange(request).onErrorMap(this::isUndiagnosedRequestFailure, this::diagnose);
	}

	private boolean isUndiagnosedRequestFailure(Throwable ex) {
		return ex instanceof WebClientRequestException && !(ex instanceof CheckoutMtlsHandshakeException)
				&& classify(ex, this.resetsAreRejections) != null;
	}

	private Throwable diagnose(Throwable ex) {
		CheckoutMtlsHandshakeException diagnosed = new CheckoutMtlsHandshakeException((WebClientRequestException) ex,
				classify(ex, this.resetsAreRejections), this.identity.get(), this.clock.instant());
		this.listener.handshakeFailed(diagnosed);
		return diagnosed;
	}

	/**
	 * Classifies a request failure.
	 * @param failure the failure
	 * @return which side refused the handshake, or {@code null} when the failure is not a
	 * refused handshake
	 */
	static CheckoutMtlsHandshakeException.Rejection classify(Throwable failure) {
		return classify(failure, true);
	}

	private static CheckoutMtlsHandshakeException.Rejection classify(Throwable failure, boolean resetsAreRejections) {
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
			if (resetsAreRejections && isResetBeforeResponse(t)) {
				return CheckoutMtlsHandshakeException.Rejection.CONNECTION_RESET;
			}
		}
		return null;
	}

	// Checkout's edge resets the connection when it cannot validate the client's chain.
	private static boolean isResetBeforeResponse(Throwable t) {
		if (t instanceof PrematureCloseException) {
			return t.getMessage() != null && t.getMessage().contains("BEFORE response");
		}
		return t instanceof IOException && t.getMessage() != null && t.getMessage().contains("Connection reset");
	}

}
