package io.github.checkoutmtls.test.simulator;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLException;

import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.Pem;
import io.github.checkoutmtls.test.pki.TestPki;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/**
 * A local stand-in for Checkout.com's mTLS edge: an HTTPS server on 127.0.0.1 that requires a client
 * certificate chaining to the registered roots, answers 401 without a body when the leaf's CN is not the
 * registered one, and serves a small part of the payments API. It records every exchange and every rejected
 * handshake so that tests can assert on what the client really sent.
 *
 * <pre class="code">
 * TestPki pki = TestPki.builder().commonName("merchant.internal").build();
 * try (CheckoutMtlsSimulator simulator = CheckoutMtlsSimulator.builder()
 *         .trustedRoots(pki.root().certificate())
 *         .registeredCommonName("merchant.internal")
 *         .start()) {
 *     // point the client at simulator.apiBaseUrl(), trusting simulator.serverCa()
 * }
 * </pre>
 */
public final class CheckoutMtlsSimulator implements AutoCloseable {

	private final X509Certificate serverCa;

	private final SimulatorRecords records = new SimulatorRecords();

	private final PaymentStore payments = new PaymentStore();

	private final MtlsListener api;

	private CheckoutMtlsSimulator(Builder builder) {
		ServerIdentity identity = ServerIdentity.of(builder);
		this.serverCa = identity.ca();
		SslContext sslContext = sslContext(identity.certificate(), builder.trustedRoots);
		this.api = startApi(builder, sslContext);
	}

	private MtlsListener startApi(Builder builder, SslContext sslContext) {
		RouteTable routes = new RouteTable();
		new PaymentsHandler(this.payments).register(routes);
		List<RequestGuard> guards = List.of(new CommonNameGuard(builder.registeredCommonName));
		RequestDispatcher dispatcher = new RequestDispatcher(SimulatorHost.API, guards, routes, this.records);
		return MtlsListener.start(sslContext, builder.handshakeRejection,
				() -> new HandshakeGuard(SimulatorHost.API, builder.handshakeRejection, this.records), dispatcher);
	}

	private static SslContext sslContext(CertificateAndKey server, List<X509Certificate> trustedRoots) {
		try {
			return SslContextBuilder.forServer(server.privateKey(), server.certificate())
				.sslProvider(SslProvider.JDK)
				.protocols("TLSv1.3", "TLSv1.2")
				.clientAuth(ClientAuth.REQUIRE)
				.trustManager(RegisteredRootsTrustManager.of(trustedRoots))
				.build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException("Cannot create the simulator's TLS context", ex);
		}
	}

	/**
	 * Returns a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the base URL of the API host, {@code https://localhost:<port>}.
	 * @return the API base URL, without a trailing slash
	 */
	public String apiBaseUrl() {
		return "https://localhost:" + this.api.port();
	}

	/**
	 * Returns the CA a client must trust to accept the simulator's server certificate.
	 * @return the server CA certificate
	 */
	public X509Certificate serverCa() {
		return this.serverCa;
	}

	/**
	 * Returns {@link #serverCa()} as PEM, for {@code checkout.mtls.trust.certificates}.
	 * @return the PEM text
	 */
	public String serverCaPem() {
		return Pem.certificates(this.serverCa);
	}

	/**
	 * Returns the requests answered so far, oldest first.
	 * @return an immutable snapshot
	 */
	public List<RecordedExchange> exchanges() {
		return this.records.exchanges();
	}

	/**
	 * Returns the client handshakes rejected so far, oldest first.
	 * @return an immutable snapshot
	 */
	public List<HandshakeRejectionRecord> handshakeRejections() {
		return this.records.rejections();
	}

	/**
	 * Forgets the recorded exchanges and handshake rejections. Payments are kept.
	 */
	public void clearRecords() {
		this.records.clear();
	}

	/**
	 * Returns the simulator's payments.
	 * @return the payment store
	 */
	public PaymentStore payments() {
		return this.payments;
	}

	/**
	 * Seeds a payment that {@code GET /payments/{id}} returns.
	 * @param id the payment id, for example {@code pay_...}
	 * @param status Checkout's status text, for example {@code Authorized}
	 * @param amount the amount in minor units
	 * @param currency the ISO 4217 currency code
	 * @return the payment
	 */
	public Payment addPayment(String id, String status, long amount, String currency) {
		return this.payments.add(id, status, amount, currency);
	}

	/**
	 * Stops the simulator's ports.
	 */
	@Override
	public void close() {
		this.api.close();
	}

	/**
	 * Configures and starts a {@link CheckoutMtlsSimulator}.
	 */
	public static final class Builder {

		private CertificateAndKey serverCertificate;

		private X509Certificate serverCertificateIssuer;

		private final List<X509Certificate> trustedRoots = new ArrayList<>();

		private String registeredCommonName;

		private HandshakeRejection handshakeRejection = HandshakeRejection.ALERT;

		private Builder() {
		}

		/**
		 * Sets the server's TLS identity, which must be valid for {@code localhost}. Without it the simulator
		 * makes its own. {@link CheckoutMtlsSimulator#serverCa()} then returns the certificate itself, which
		 * a client can trust directly; prefer {@link #serverCertificate(CertificateAndKey, X509Certificate)}.
		 * @param serverCertificate the certificate and key, such as {@link TestPki#server()}
		 * @return this builder
		 */
		public Builder serverCertificate(CertificateAndKey serverCertificate) {
			return serverCertificate(serverCertificate, null);
		}

		/**
		 * Sets the server's TLS identity and the CA that issued it.
		 * @param serverCertificate the certificate and key, such as {@link TestPki#server()}
		 * @param issuer the CA clients must trust, such as {@link TestPki#serverCa()}
		 * @return this builder
		 */
		public Builder serverCertificate(CertificateAndKey serverCertificate, X509Certificate issuer) {
			this.serverCertificate = Objects.requireNonNull(serverCertificate, "'serverCertificate' must not be null");
			this.serverCertificateIssuer = issuer;
			return this;
		}

		/**
		 * Adds roots the merchant registered with Checkout: client chains must validate to one of them.
		 * @param roots the CA certificates
		 * @return this builder
		 */
		public Builder trustedRoots(X509Certificate... roots) {
			return trustedRoots(Arrays.asList(roots));
		}

		/**
		 * Adds roots the merchant registered with Checkout: client chains must validate to one of them.
		 * @param roots the CA certificates
		 * @return this builder
		 */
		public Builder trustedRoots(List<X509Certificate> roots) {
			roots.forEach((root) -> this.trustedRoots.add(Objects.requireNonNull(root, "'roots' must not hold null")));
			return this;
		}

		/**
		 * Sets the leaf CN registered during onboarding. A validated leaf with another CN gets 401 without a
		 * body. Unset, any CN is accepted.
		 * @param registeredCommonName the common name, or {@code null} to accept any
		 * @return this builder
		 */
		public Builder registeredCommonName(String registeredCommonName) {
			this.registeredCommonName = registeredCommonName;
			return this;
		}

		/**
		 * Sets how rejected client handshakes end, {@link HandshakeRejection#ALERT} unless set.
		 * @param handshakeRejection the rejection mode
		 * @return this builder
		 */
		public Builder handshakeRejection(HandshakeRejection handshakeRejection) {
			this.handshakeRejection = Objects.requireNonNull(handshakeRejection,
					"'handshakeRejection' must not be null");
			return this;
		}

		/**
		 * Binds the ports and starts serving.
		 * @return the running simulator
		 * @throws IllegalStateException if no trusted root was given
		 */
		public CheckoutMtlsSimulator start() {
			if (this.trustedRoots.isEmpty()) {
				throw new IllegalStateException("At least one trusted root is needed: set trustedRoots(...)");
			}
			return new CheckoutMtlsSimulator(this);
		}

	}

	/**
	 * The server certificate and the CA a client trusts for it.
	 */
	private record ServerIdentity(CertificateAndKey certificate, X509Certificate ca) {

		static ServerIdentity of(Builder builder) {
			if (builder.serverCertificate == null) {
				TestPki serverPki = TestPki.builder().intermediates(0).build();
				return new ServerIdentity(serverPki.server(), serverPki.serverCa());
			}
			X509Certificate ca = (builder.serverCertificateIssuer != null) ? builder.serverCertificateIssuer
					: builder.serverCertificate.certificate();
			return new ServerIdentity(builder.serverCertificate, ca);
		}

	}

}
