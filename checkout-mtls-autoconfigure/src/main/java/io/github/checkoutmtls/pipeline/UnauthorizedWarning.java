package io.github.checkoutmtls.pipeline;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpMethod;

import io.github.checkoutmtls.identity.ClientIdentity;

/**
 * Explains a 401 that the pipeline passes on: the handshake succeeded, so Checkout
 * documents one cause (docs "Mutual TLS", Apr 2026), a leaf CN other than the CN
 * registered during onboarding. Logs one WARN per interval at most; the response reaches
 * the caller unchanged.
 */
final class UnauthorizedWarning {

	private static final Log logger = LogFactory.getLog(CheckoutRequestPipeline.class);

	private final long intervalNanos;

	private final LongSupplier nanoTime;

	private final AtomicLong nextWarning;

	UnauthorizedWarning(Duration interval, LongSupplier nanoTime) {
		this.intervalNanos = interval.toNanos();
		this.nanoTime = nanoTime;
		this.nextWarning = new AtomicLong(nanoTime.getAsLong());
	}

	/**
	 * Warns about a 401, unless a warning was logged within the interval.
	 * @param method the request's method
	 * @param path the request's path
	 * @param identity the identity the request presented
	 * @param bearerToken whether the request carried a freshly fetched token that was
	 * refused too
	 * @return whether a warning was logged
	 */
	boolean warn(HttpMethod method, String path, ClientIdentity identity, boolean bearerToken) {
		if (!claim()) {
			return false;
		}
		String tokens = bearerToken ? " It refused a freshly fetched token too, so the token is not merely stale:"
				+ " check that checkout.mtls.jwt.scopes grant this endpoint." : "";
		logger.warn("Checkout answered 401 Unauthorized to " + method + " " + path
				+ " although it accepted the client certificate." + tokens + " Checkout documents one cause for a 401"
				+ " over mTLS: the leaf's CN '" + identity.commonName() + "' does not match the CN registered during"
				+ " onboarding. Register '" + identity.commonName() + "' with Checkout, or use a certificate issued for"
				+ " the registered CN (set checkout.mtls.expected-common-name to have startup check it). Further 401s"
				+ " are not logged for " + Duration.ofNanos(this.intervalNanos).toSeconds() + " s.");
		return true;
	}

	private boolean claim() {
		long now = this.nanoTime.getAsLong();
		long next = this.nextWarning.get();
		return now - next >= 0 && this.nextWarning.compareAndSet(next, now + this.intervalNanos);
	}

}
