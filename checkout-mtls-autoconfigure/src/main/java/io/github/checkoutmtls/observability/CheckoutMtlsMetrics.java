package io.github.checkoutmtls.observability;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
 * Micrometer meters of the Checkout mTLS client: the time to expiry of every certificate
 * Checkout validates, reloads, token requests and refused handshakes. Told about events
 * as a listener; the core classes know nothing of Micrometer.
 */
final class CheckoutMtlsMetrics implements IdentityReloadListener, TokenFetchListener, HandshakeFailureListener {

	static final String EXPIRY = "checkout.mtls.certificate.expiry";

	private final MeterRegistry registry;

	private final Clock clock;

	private List<Gauge> expiry;

	/**
	 * Creates the meters for the identity presented now.
	 * @param registry the registry
	 * @param identity the identity presented now
	 * @param clock the clock
	 */
	CheckoutMtlsMetrics(MeterRegistry registry, ClientIdentity identity, Clock clock) {
		this.registry = registry;
		this.clock = clock;
		this.expiry = expiryGauges(identity);
	}

	// One gauge per certificate Checkout validates: an intermediate or the root can
	// expire before the leaf.
	private List<Gauge> expiryGauges(ClientIdentity identity) {
		List<Gauge> gauges = new ArrayList<>();
		List<X509Certificate> certificates = identity.validatedCertificates();
		for (int i = 0; i < certificates.size(); i++) {
			gauges.add(expiryGauge(certificates.get(i), role(identity, i)));
		}
		return List.copyOf(gauges);
	}

	private Gauge expiryGauge(X509Certificate certificate, String role) {
		return Gauge
			.builder(EXPIRY, certificate,
					(validated) -> Duration.between(this.clock.instant(), validated.getNotAfter().toInstant())
						.toSeconds())
			.description("Time until a certificate Checkout validates expires")
			.baseUnit("seconds")
			.tag("cn", String.valueOf(ClientIdentity.commonName(certificate.getSubjectX500Principal().getName())))
			.tag("serial", ClientIdentity.serialNumber(certificate))
			.tag("role", role)
			.register(this.registry);
	}

	private static String role(ClientIdentity identity, int position) {
		if (position == 0) {
			return "leaf";
		}
		X509Certificate certificate = identity.validatedCertificates().get(position);
		return (certificate.equals(identity.registeredRoot()) || ClientIdentity.isSelfSigned(certificate)) ? "root"
				: "intermediate";
	}

	@Override
	public synchronized void identityReloaded(ClientIdentity previous, ClientIdentity current) {
		this.expiry.forEach(this.registry::remove);
		this.expiry = expiryGauges(current);
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
