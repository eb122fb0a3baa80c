package io.github.checkoutmtls.diagnostics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

import io.github.checkoutmtls.identity.ClientIdentity;
import reactor.core.publisher.Mono;

/**
 * Explains a 401 in certificate mode: the handshake succeeded, so Checkout documents one cause, a leaf
 * CN that differs from the CN registered during onboarding. Logs one WARN per interval at most; the
 * response reaches the caller unchanged.
 */
public final class UnauthorizedDiagnosisFilter implements ExchangeFilterFunction {

	private static final Log logger = LogFactory.getLog(UnauthorizedDiagnosisFilter.class);

	private final Supplier<ClientIdentity> identity;

	private final boolean bearerTokens;

	private final long intervalNanos;

	private final LongSupplier nanoTime;

	private final AtomicLong nextWarning;

	/**
	 * Creates a filter that warns at most once a minute.
	 * @param identity the identity currently presented
	 * @param bearerTokens whether requests carry certificate-bound tokens (jwt mode) and a 401 has already
	 * been retried once with a fresh token
	 */
	public UnauthorizedDiagnosisFilter(Supplier<ClientIdentity> identity, boolean bearerTokens) {
		this(identity, bearerTokens, Duration.ofMinutes(1), System::nanoTime);
	}

	UnauthorizedDiagnosisFilter(Supplier<ClientIdentity> identity, boolean bearerTokens, Duration interval,
			LongSupplier nanoTime) {
		this.identity = identity;
		this.bearerTokens = bearerTokens;
		this.intervalNanos = interval.toNanos();
		this.nanoTime = nanoTime;
		this.nextWarning = new AtomicLong(nanoTime.getAsLong());
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return next.exchange(request).doOnNext((response) -> {
			if (response.statusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED) && claimWarning()) {
				warn(request);
			}
		});
	}

	private boolean claimWarning() {
		long now = this.nanoTime.getAsLong();
		long next = this.nextWarning.get();
		return now - next >= 0 && this.nextWarning.compareAndSet(next, now + this.intervalNanos);
	}

	private void warn(ClientRequest request) {
		ClientIdentity current = this.identity.get();
		String tokens = this.bearerTokens ? " It refused a freshly fetched token too, so the token is not merely"
				+ " stale: check that checkout.mtls.jwt.scopes grant this endpoint." : "";
		logger.warn("Checkout answered 401 Unauthorized to " + request.method() + " " + request.url().getPath()
				+ " although it accepted the client certificate." + tokens + " Checkout documents one cause for"
				+ " a 401 over mTLS: the leaf's CN '" + current.commonName() + "' does not match the CN registered"
				+ " during onboarding. Register '" + current.commonName() + "' with Checkout, or use a certificate"
				+ " issued for the registered CN (set checkout.mtls.expected-common-name to have startup check it)."
				+ " Further 401s are not logged for " + Duration.ofNanos(this.intervalNanos).toSeconds() + " s.");
	}

}
