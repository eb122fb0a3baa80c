package io.github.checkoutmtls.diagnostics;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import io.github.checkoutmtls.identity.ClientIdentity;

/**
 * A request to Checkout failed because the mutual TLS handshake was refused. The message
 * says which side refused it, lists the causes Checkout documents and what the client
 * knows of the chain it sent.
 */
public class CheckoutMtlsHandshakeException extends WebClientRequestException {

	private final Rejection rejection;

	private final String diagnosis;

	/**
	 * Creates a new instance.
	 * @param cause the request failure as Reactor Netty reported it
	 * @param rejection which side refused the handshake
	 * @param identity the identity presented
	 * @param now the current instant, for the days left
	 */
	public CheckoutMtlsHandshakeException(WebClientRequestException cause, Rejection rejection, ClientIdentity identity,
			Instant now) {
		super((cause.getCause() != null) ? cause.getCause() : cause, cause.getMethod(), cause.getUri(),
				(cause.getHeaders() != null) ? cause.getHeaders() : HttpHeaders.EMPTY);
		this.rejection = rejection;
		this.diagnosis = diagnose(cause.getMethod(), cause.getUri(), rejection, identity, now, cause);
	}

	private CheckoutMtlsHandshakeException(Throwable cause, HttpMethod method, URI uri, Rejection rejection,
			ClientIdentity identity, Instant now) {
		super(cause, method, uri, HttpHeaders.EMPTY);
		this.rejection = rejection;
		this.diagnosis = diagnose(method, uri, rejection, identity, now, cause);
	}

	/**
	 * Diagnoses a request failure as a refused handshake.
	 * @param cause the failure as the connection reported it
	 * @param method the request's method
	 * @param uri the request's URI
	 * @param rejection which side refused the handshake
	 * @param identity the identity presented
	 * @param now the current instant, for the days left
	 * @return the diagnosed failure
	 */
	public static CheckoutMtlsHandshakeException of(Throwable cause, HttpMethod method, URI uri, Rejection rejection,
			ClientIdentity identity, Instant now) {
		return new CheckoutMtlsHandshakeException(cause, method, uri, rejection, identity, now);
	}

	/**
	 * Returns a filter that turns the request failures of a {@code WebClient} caused by a
	 * refused TLS handshake into this exception, for a client that does not go through
	 * {@code checkoutWebClient}; other failures pass through unchanged.
	 * @param identity the identity currently presented
	 * @param clock the clock for the days left
	 * @return the filter
	 */
	public static ExchangeFilterFunction diagnosing(Supplier<ClientIdentity> identity, Clock clock) {
		return new HandshakeDiagnosisFilter(identity, clock);
	}

	/**
	 * Returns a filter for the token call: it diagnoses failures in the TLS layer (an
	 * alert, a server certificate this client does not trust) and tells the listener, and
	 * leaves a plain reset or premature close as a transport failure for the token
	 * fetcher's bounded retry.
	 * @param identity the identity currently presented
	 * @param clock the clock for the days left
	 * @param listener told about every diagnosed failure
	 * @return the filter
	 */
	public static ExchangeFilterFunction diagnosingTokenCalls(Supplier<ClientIdentity> identity, Clock clock,
			HandshakeFailureListener listener) {
		return new HandshakeDiagnosisFilter(identity, clock, listener, false);
	}

	private static String diagnose(HttpMethod method, URI uri, Rejection rejection, ClientIdentity identity,
			Instant now, Throwable cause) {
		String request = method + " " + uri;
		String sent = "Client certificate sent: CN='" + identity.commonName() + "', issuer='" + identity.issuer()
				+ "', serial=" + identity.serialNumber() + ", valid " + identity.notBefore() + " to "
				+ identity.notAfter() + " (" + identity.timeLeft(now).toDays() + " day(s) left), chain of "
				+ identity.chain().size() + " certificate(s) from " + identity.source() + ".";
		if (rejection == Rejection.SERVER_CERTIFICATE_UNTRUSTED) {
			return "The TLS handshake for " + request + " failed because this client does not trust the server's"
					+ " certificate (" + rootCause(cause) + "). It trusts checkout.mtls.trust.certificates or, when"
					+ " unset, the JVM's trust store: a TLS-intercepting proxy, a wrong checkout.mtls.api-base-url, or a"
					+ " checkout.mtls.trust.certificates that lacks the server's CA can cause this. " + sent;
		}
		String causes = "Checkout documents three causes: (1) the chain is incomplete: the file must hold the leaf"
				+ " and every intermediate; (2) the leaf's issuer is not trusted: the root of your private CA must be"
				+ " registered with Checkout; (3) a certificate of the chain is invalid or expired. ";
		if (rejection == Rejection.CONNECTION_RESET) {
			return "Checkout reset the connection for " + request + " before any response (" + rootCause(cause)
					+ "). Checkout answers a client certificate it cannot validate with a reset; " + causes
					+ "A reset can also lose the response to a request Checkout already processed: retry a payment"
					+ " only with the same Cko-Idempotency-Key. " + sent;
		}
		return "Checkout refused the client certificate during the TLS handshake for " + request + " ("
				+ rootCause(cause) + "). " + causes + sent;
	}

	/**
	 * Returns which side refused the handshake.
	 * @return the rejection
	 */
	public Rejection getRejection() {
		return this.rejection;
	}

	@Override
	public String getMessage() {
		return this.diagnosis;
	}

	private static String rootCause(Throwable throwable) {
		return NestedExceptionUtils.getMostSpecificCause(throwable).toString();
	}

	/**
	 * Which side of the TLS handshake refused the connection.
	 */
	public enum Rejection {

		/**
		 * Checkout's edge refused the client certificate with a TLS alert.
		 */
		CLIENT_CERTIFICATE_REJECTED,

		/**
		 * The connection was reset before any response. Checkout documents a reset as its
		 * answer to a client certificate it cannot validate; a reset can also lose the
		 * response to a request it processed.
		 */
		CONNECTION_RESET,

		/**
		 * This client refused the server's certificate: it is not trusted or not issued
		 * for the host.
		 */
		SERVER_CERTIFICATE_UNTRUSTED

	}

}
