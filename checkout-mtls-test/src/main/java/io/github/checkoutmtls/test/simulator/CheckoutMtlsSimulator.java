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
 * A local stand-in for Checkout.com's mTLS edge: an HTTPS server on 127.0.0.1 that
 * requires a client certificate chaining to the registered roots (resetting the
 * connection otherwise, unless told to send an alert), answers 401 without a body when
 * the leaf's CN is not the registered one, and serves part of the payments API with
 * Checkout's idempotency rules. A second port plays the access host, issuing RFC 8705
 * certificate-bound tokens that the API port can be told to require.
 *
 * <p>
 * What is not modelled can be {@link #stubs() stubbed}; {@link #faults()} injects
 * latency, error statuses, rate limiting, resets before, while and after processing, and
 * handshake rejections, on any route. Every exchange is {@link #exchanges() recorded} on
 * arrival, and {@link #processedRequests} counts what really took effect. The module's
 * README lists each behaviour with Checkout's source for it.
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

	private final ApiHost apiHost;

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
		this.apiHost = new ApiHost(builder, this.records);
		SslContext sslContext = sslContext(identity.certificate(), builder.trustedRoots);
		this.api = start(SimulatorHost.API, apiGuards(builder), this.apiHost.processor(), sslContext, builder,
				this.apiHost.faults()::takeHandshakeRejection);
		this.access = start(SimulatorHost.ACCESS, List.of(new CommonNameGuard(builder.registeredCommonName)),
				RequestProcessor.routing(accessRoutes()), sslContext, builder, () -> false);
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
			SslContext sslContext, CheckoutMtlsSimulatorBuilder builder, BooleanSupplier injectedRejection) {
		HandshakeRejection rejection = builder.handshakeRejection;
		RequestDispatcher dispatcher = new RequestDispatcher(host, guards, processor, this.records, builder.ckoVersion);
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
	 * Returns the base URL of the access (token) host, {@code https://localhost:<port>}:
	 * the {@code iss} of the tokens it issues.
	 * @return the access base URL, without a trailing slash
	 */
	public String accessBaseUrl() {
		return "https://localhost:" + this.access.port();
	}

	/**
	 * Returns the token endpoint's URL, {@link #accessBaseUrl()} followed by the token
	 * path.
	 * @return the token URL
	 */
	public String tokenUrl() {
		return accessBaseUrl() + this.tokenPath;
	}

	/**
	 * Returns how many requests reached the token endpoint, faulted ones included, since
	 * the simulator started or {@link #clearTokenRecords()}.
	 * @return the number of token requests
	 */
	public int tokenRequests() {
		return this.tokenEndpoint.requests();
	}

	/**
	 * Returns the tokens issued since the simulator started or
	 * {@link #clearTokenRecords()}, oldest first.
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
	 * Makes every token issued so far fail on the API host with 401, as if revoked or
	 * rotated out, so that a client's refetch after 401 can be tested. Tokens issued
	 * afterwards are accepted.
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
	 * Returns the requests received so far, in order of arrival, each as it stands now:
	 * requests still processed, reset or never answered are included.
	 * @return an immutable snapshot
	 */
	public List<RecordedExchange> exchanges() {
		return this.records.exchanges();
	}

	/**
	 * Returns how many times an API route or stub handler ran for requests matching a
	 * method and a path template: what took effect, not replays, concurrent-duplicate
	 * answers, requests refused by a fault or reset before processing, or unknown routes.
	 * A request reset while processing counts once its processing ran.
	 * @param method the HTTP method, or {@code *} for any
	 * @param pathTemplate the path template, such as {@code /payments/{id}/captures}
	 * @return the count since the simulator started or its records were last cleared
	 */
	public int processedRequests(String method, String pathTemplate) {
		return this.records.processed(method, pathTemplate);
	}

	/**
	 * Returns the client handshakes rejected so far, oldest first.
	 * @return an immutable snapshot
	 */
	public List<HandshakeRejectionRecord> handshakeRejections() {
		return this.records.rejections();
	}

	/**
	 * Forgets the recorded exchanges, handshake rejections and processed-request counts.
	 * Payments are kept.
	 */
	public void clearRecords() {
		this.records.clear();
	}

	/**
	 * Forgets the token requests counted and the tokens issued so far, so that
	 * {@link #tokenRequests()} and {@link #issuedTokens()} start again from nothing. The
	 * tokens stay valid, and {@link #revokeAllTokens()} still revokes them.
	 */
	public void clearTokenRecords() {
		this.tokenEndpoint.clearRequests();
		this.tokens.clearRecords();
	}

	/**
	 * Returns the simulator's payments, those created through the API and those seeded by
	 * tests.
	 * @return the payment store
	 */
	public PaymentStore payments() {
		return this.apiHost.payments();
	}

	/**
	 * Returns the faults to inject into API requests and handshakes.
	 * @return the API host's faults
	 */
	public SimulatorFaults faults() {
		return this.apiHost.faults();
	}

	/**
	 * Returns the answers registered for API routes the simulator does not model.
	 * @return the API host's stubs
	 */
	public SimulatorStubs stubs() {
		return this.apiHost.stubs();
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
		return this.apiHost.payments().add(id, status, amount, currency);
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
