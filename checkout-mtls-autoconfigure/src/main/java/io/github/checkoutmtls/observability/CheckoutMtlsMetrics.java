package io.github.checkoutmtls.observability;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.github.checkoutmtls.diagnostics.CheckoutMtlsHandshakeException;
import io.github.checkoutmtls.diagnostics.HandshakeFailureListener;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.reload.IdentityReloadListener;
import io.github.checkoutmtls.token.TokenFetchListener;

/**
 * Micrometer meters of the Checkout mTLS client: the leaf's time to expiry, reloads, token requests and
 * refused handshakes. Told about events as a listener; the core classes know nothing of Micrometer.
 */
public final class CheckoutMtlsMetrics implements IdentityReloadListener, TokenFetchListener, HandshakeFailureListener {

	static final String EXPIRY = "checkout.mtls.certificate.expiry";

	private final MeterRegistry registry;

	private final Clock clock;

	private Gauge expiry;

	/**
	 * Creates the meters for the identity presented now.
	 * @param registry the registry
	 * @param identity the identity presented now
	 * @param clock the clock
	 */
	public CheckoutMtlsMetrics(MeterRegistry registry, ClientIdentity identity, Clock clock) {
		this.registry = registry;
		this.clock = clock;
		this.expiry = expiryGauge(identity);
	}

	private Gauge expiryGauge(ClientIdentity identity) {
		return Gauge.builder(EXPIRY, identity, (leaf) -> leaf.timeLeft(this.clock.instant()).toSeconds())
			.description("Time until the client leaf certificate expires")
			.baseUnit("seconds")
			.tag("cn", String.valueOf(identity.commonName()))
			.tag("serial", identity.serialNumber())
			.register(this.registry);
	}

	@Override
	public synchronized void identityReloaded(ClientIdentity previous, ClientIdentity current) {
		this.registry.remove(this.expiry);
		this.expiry = expiryGauge(current);
		reloads("success").increment();
	}

	@Override
	public void reloadFailed(ClientIdentity current, RuntimeException failure) {
		reloads("failure").increment();
	}

	@Override
	public void tokenFetched(ClientIdentity identity, Duration duration) {
		tokenRequests("success").increment();
		tokenFetch("success").record(duration);
	}

	@Override
	public void tokenFetchFailed(ClientIdentity identity, Duration duration, Throwable failure) {
		tokenRequests("failure").increment();
		tokenFetch("failure").record(duration);
	}

	@Override
	public void handshakeFailed(CheckoutMtlsHandshakeException failure) {
		Counter.builder("checkout.mtls.handshake.failures")
			.description("TLS handshakes refused by Checkout or by this client")
			.tag("rejection", failure.getRejection().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
			.register(this.registry)
			.increment();
	}

	private Counter reloads(String outcome) {
		return Counter.builder("checkout.mtls.reloads")
			.description("Reloads of the client certificate")
			.tag("outcome", outcome)
			.register(this.registry);
	}

	private Counter tokenRequests(String outcome) {
		return Counter.builder("checkout.mtls.token.requests")
			.description("Token requests to Checkout's mTLS access host")
			.tag("outcome", outcome)
			.register(this.registry);
	}

	private Timer tokenFetch(String outcome) {
		return Timer.builder("checkout.mtls.token.fetch")
			.description("Time to fetch a token, retries included")
			.tag("outcome", outcome)
			.register(this.registry);
	}

}
