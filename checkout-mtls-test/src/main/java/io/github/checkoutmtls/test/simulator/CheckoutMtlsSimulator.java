package io.github.checkoutmtls.test.simulator;

import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

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
 * registered one, and serves a small part of the payments API. A second port plays the access host, issuing
 * RFC 8705 certificate-bound tokens that the API port can be told to require. It records every exchange and
 * every rejected handshake so that tests can assert on what the client really sent.
 *
 * <p>The API host answers in Checkout's JSON shapes, every response with a {@code Cko-Request-Id}:
 * <ul>
 * <li>{@code POST /payments}: 201 {@code Authorized}; 202 {@code Pending} with a 3-D Secure style
 * {@code _links.redirect} when the amount ends in {@code 02} (minor units, such as 1002); 201
 * {@code Declined} when it ends in {@code 05}; 422 {@code request_invalid} for an invalid body
 * ({@link PaymentsHandler});</li>
 * <li>{@code GET /payments/{id}}: 200, or 404 without a body;</li>
 * <li>{@code POST /payments/{id}/captures|refunds|voids}: 202 with an {@code action_id} when the payment's
 * state allows it (capture and void only {@code Authorized}; refund only {@code Captured} or
 * {@code Partially Refunded}, up to the captured amount), else 403 {@code action_not_allowed}
 * ({@link PaymentActionsHandler});</li>
 * <li>{@code GET /workflows}: 200 {@code {"data": [...]}}.</li>
 * </ul>
 * A POST with a {@code Cko-Idempotency-Key} is processed once: a repeat of the same request replays the
 * first response (marked with {@link #REPLAYED_HEADER}), a repeat while the first is still processed gets
 * 409, and the same key on a different request gets 422 {@code idempotency_key_reused}. Keys are kept for
 * the simulator's life (Checkout keeps them 24 hours). {@link #faults()} injects latency, error statuses,
 * rate limiting, resets after processing and handshake rejections.
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

	/**
	 * Header the simulator adds, with the value {@code true}, to a response replayed for a repeated
	 * {@code Cko-Idempotency-Key}. Checkout does not document one; it is the simulator's own marker.
	 */
	public static final String REPLAYED_HEADER = ApiRequestProcessor.REPLAYED_HEADER;

	private final X509Certificate serverCa;

	private final SimulatorRecords records = new SimulatorRecords();

	private final PaymentStore payments = new PaymentStore();

	private final SimulatorFaults faults = new SimulatorFaults();

	private final TokenFaults tokenFaults = new TokenFaults();

	private final TokenService tokens;

	private final TokenEndpointHandler tokenEndpoint;

	private final String tokenPath;

	private final MtlsListener api;

	private final MtlsListener access;

	CheckoutMtlsSimulator(CheckoutMtlsSimulatorBuilder builder) {
		ServerIdentity identity = ServerIdentity.of(builder);
		this.serverCa = identity.ca();
		this.tokenPath = builder.tokenPath;
		this.tokens = new TokenService(builder.clock, builder.tokenLifetime, this::accessBaseUrl);
		this.tokenEndpoint = new TokenEndpointHandler(builder.clients, builder.allowedScopes, builder.omitExpiresIn,
				this.tokens, this.tokenFaults);
		SslContext sslContext = sslContext(identity.certificate(), builder.trustedRoots);
		this.api = start(SimulatorHost.API, apiGuards(builder), apiProcessor(), sslContext,
				builder.handshakeRejection, this.faults::takeHandshakeRejection);
		this.access = start(SimulatorHost.ACCESS, List.of(new CommonNameGuard(builder.registeredCommonName)),
				RequestProcessor.routing(accessRoutes()), sslContext, builder.handshakeRejection, () -> false);
	}

	private RequestProcessor apiProcessor() {
		RouteTable routes = new RouteTable();
		new PaymentsHandler(this.payments).register(routes);
		new PaymentActionsHandler(this.payments).register(routes);
		new WorkflowsHandler().register(routes);
		return new ApiRequestProcessor(this.faults, new IdempotencyStore(), routes);
	}

	private List<RequestGuard> apiGuards(CheckoutMtlsSimulatorBuilder builder) {
		List<RequestGuard> guards = new ArrayList<>();
		guards.add(new CommonNameGuard(builder.registeredCommonName));
		if (builder.requireToken) {
			guards.add(new BearerTokenGuard(this.tokens));
		}
		return guards;
	}

	private RouteTable accessRoutes() {
		RouteTable routes = new RouteTable();
		this.tokenEndpoint.register(routes, this.tokenPath);
		return routes;
	}

	private MtlsListener start(SimulatorHost host, List<RequestGuard> guards, RequestProcessor processor,
			SslContext sslContext, HandshakeRejection rejection, BooleanSupplier injectedRejection) {
		RequestDispatcher dispatcher = new RequestDispatcher(host, guards, processor, this.records);
		return MtlsListener.start(sslContext, rejection, () -> new HandshakeGuard(host, rejection, this.records),
				injectedRejection, dispatcher);
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
	public static CheckoutMtlsSimulatorBuilder builder() {
		return new CheckoutMtlsSimulatorBuilder();
	}

	/**
	 * Returns the base URL of the API host, {@code https://localhost:<port>}.
	 * @return the API base URL, without a trailing slash
	 */
	public String apiBaseUrl() {
		return "https://localhost:" + this.api.port();
	}

	/**
	 * Returns the base URL of the access (token) host, {@code https://localhost:<port>}: the {@code iss} of
	 * the tokens it issues.
	 * @return the access base URL, without a trailing slash
	 */
	public String accessBaseUrl() {
		return "https://localhost:" + this.access.port();
	}

	/**
	 * Returns the token endpoint's URL, {@link #accessBaseUrl()} followed by the token path.
	 * @return the token URL
	 */
	public String tokenUrl() {
		return accessBaseUrl() + this.tokenPath;
	}

	/**
	 * Returns how many requests reached the token endpoint, faulted ones included.
	 * @return the number of token requests
	 */
	public int tokenRequests() {
		return this.tokenEndpoint.requests();
	}

	/**
	 * Returns the tokens issued so far, oldest first.
	 * @return an immutable snapshot
	 */
	public List<IssuedToken> issuedTokens() {
		return this.tokens.issued();
	}

	/**
	 * Returns the faults to apply to the next token requests.
	 * @return the token faults
	 */
	public TokenFaults tokenFaults() {
		return this.tokenFaults;
	}

	/**
	 * Makes every token issued so far fail on the API host with 401, as if revoked or rotated out, so that
	 * a client's refetch after 401 can be tested. Tokens issued afterwards are accepted.
	 */
	public void revokeAllTokens() {
		this.tokens.revokeAll();
	}

	/**
	 * Returns the public key that verifies the ES256 signature of issued tokens.
	 * @return the verification key
	 */
	public ECPublicKey tokenVerificationKey() {
		return this.tokens.verificationKey();
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
	 * Returns the simulator's payments, those created through the API and those seeded by tests.
	 * @return the payment store
	 */
	public PaymentStore payments() {
		return this.payments;
	}

	/**
	 * Returns the faults to inject into API requests and handshakes.
	 * @return the API host's faults
	 */
	public SimulatorFaults faults() {
		return this.faults;
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
	 * Stops the simulator's API and access ports.
	 */
	@Override
	public void close() {
		try {
			this.api.close();
		}
		finally {
			this.access.close();
		}
	}

	/**
	 * The server certificate and the CA a client trusts for it.
	 */
	private record ServerIdentity(CertificateAndKey certificate, X509Certificate ca) {

		static ServerIdentity of(CheckoutMtlsSimulatorBuilder builder) {
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
