package io.github.checkoutmtls.retry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidatorException;
import java.util.Set;

import javax.net.ssl.SSLException;

import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import reactor.netty.http.client.PrematureCloseException;

/**
 * Decides whether an attempt may be repeated: transient failures only, and a request that may have
 * reached Checkout only when repeating it cannot take effect twice.
 */
final class Retryability {

	static final String IDEMPOTENCY_KEY = "Cko-Idempotency-Key";

	private static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 502, 503, 504);

	private static final Set<HttpMethod> IDEMPOTENT_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT,
			HttpMethod.DELETE, HttpMethod.OPTIONS);

	private Retryability() {
	}

	static boolean isRetryable(ClientRequest request, Attempt attempt) {
		if (attempt.response() != null) {
			return RETRYABLE_STATUSES.contains(attempt.response().statusCode().value()) && isReplaySafe(request);
		}
		Throwable failure = attempt.failure();
		if (!(failure instanceof WebClientRequestException) || isSecurityFailure(failure)
				|| hasCause(failure, UnknownHostException.class)) {
			return false;
		}
		if (hasCause(failure, ConnectException.class)) {
			return true;
		}
		return isReset(failure) && (!attempt.written() || isReplaySafe(request));
	}

	/**
	 * Returns whether repeating a request that may have reached Checkout is safe: its method is idempotent,
	 * or it carries an idempotency key, which makes Checkout replay the first response.
	 * @param request the request
	 * @return whether a replay cannot take effect twice
	 */
	static boolean isReplaySafe(ClientRequest request) {
		return IDEMPOTENT_METHODS.contains(request.method()) || request.headers().containsHeader(IDEMPOTENCY_KEY);
	}

	// A refused handshake or an untrusted server fails the same way every time.
	private static boolean isSecurityFailure(Throwable failure) {
		return hasCause(failure, SSLException.class) || hasCause(failure, GeneralSecurityException.class)
				|| hasCause(failure, CertPathValidatorException.class);
	}

	private static boolean isReset(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof PrematureCloseException || (t instanceof IOException && t.getMessage() != null
					&& t.getMessage().contains("Connection reset"))) {
				return true;
			}
		}
		return false;
	}

	private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}

}
