package io.github.checkoutmtls.test.simulator;

import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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

	private final TokenFaults tokenFaults = new TokenFaults();

	private final TokenService tokens;

	private final TokenEndpointHandler tokenEndpoint;

	private final String tokenPath;

	private final MtlsListener api;

	private final MtlsListener access;

	private CheckoutMtlsSimulator(Builder builder) {
		ServerIdentity identity = ServerIdentity.of(builder);
		this.serverCa = identity.ca();
		this.tokenPath = builder.tokenPath;
		this.tokens = new TokenService(builder.clock, builder.tokenLifetime, this::accessBaseUrl);
		this.tokenEndpoint = new TokenEndpointHandler(builder.clients, builder.allowedScopes, builder.omitExpiresIn,
				this.tokens, this.tokenFaults);
		SslContext sslContext = sslContext(identity.certificate(), builder.trustedRoots);
		this.api = start(SimulatorHost.API, apiRoutes(), apiGuards(builder), sslContext, builder.handshakeRejection);
		this.access = start(SimulatorHost.ACCESS, accessRoutes(),
				List.of(new CommonNameGuard(builder.registeredCommonName)), sslContext, builder.handshakeRejection);
	}

	private RouteTable apiRoutes() {
		RouteTable routes = new RouteTable();
		new PaymentsHandler(this.payments).register(routes);
		return routes;
	}

	private List<RequestGuard> apiGuards(Builder builder) {
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

	private MtlsListener start(SimulatorHost host, RouteTable routes, List<RequestGuard> guards, SslContext sslContext,
			HandshakeRejection rejection) {
		RequestDispatcher dispatcher = new RequestDispatcher(host, guards, routes, this.records);
		return MtlsListener.start(sslContext, rejection, () -> new HandshakeGuard(host, rejection, this.records),
				dispatcher);
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
	 * Configures and starts a {@link CheckoutMtlsSimulator}.
	 */
	public static final class Builder {

		private CertificateAndKey serverCertificate;

		private X509Certificate serverCertificateIssuer;

		private final List<X509Certificate> trustedRoots = new ArrayList<>();

		private String registeredCommonName;

		private HandshakeRejection handshakeRejection = HandshakeRejection.ALERT;

		private final Map<String, ClientRegistration> clients = new LinkedHashMap<>();

		private final Set<String> allowedScopes = new LinkedHashSet<>();

		private String tokenPath = "/connect/token";

		private Duration tokenLifetime = Duration.ofHours(1);

		private boolean omitExpiresIn;

		private boolean requireToken;

		private Clock clock = Clock.systemUTC();

		private Builder() {
		}

		/**
		 * Registers an OAuth client with the token endpoint. Checkout does not publish whether its mTLS access
		 * host still wants a secret, so both are possible.
		 * @param clientId the client id
		 * @param clientSecret the secret, for {@code client_secret_post} or {@code client_secret_basic}; or
		 * {@code null} for {@code tls_client_auth}, where the client sends only its id and the certificate
		 * authenticates it
		 * @return this builder
		 */
		public Builder client(String clientId, String clientSecret) {
			Objects.requireNonNull(clientId, "'clientId' must not be null");
			this.clients.put(clientId, new ClientRegistration(clientId, clientSecret));
			return this;
		}

		/**
		 * Sets the token endpoint's path, {@code /connect/token} unless set.
		 * @param tokenPath the path, starting with {@code /}
		 * @return this builder
		 */
		public Builder tokenPath(String tokenPath) {
			if (tokenPath == null || !tokenPath.startsWith("/")) {
				throw new IllegalArgumentException("'tokenPath' must start with '/', was " + tokenPath);
			}
			this.tokenPath = tokenPath;
			return this;
		}

		/**
		 * Sets how long issued tokens are valid, one hour unless set.
		 * @param tokenLifetime the lifetime
		 * @return this builder
		 */
		public Builder tokenLifetime(Duration tokenLifetime) {
			Objects.requireNonNull(tokenLifetime, "'tokenLifetime' must not be null");
			if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
				throw new IllegalArgumentException("'tokenLifetime' must be positive, was " + tokenLifetime);
			}
			this.tokenLifetime = tokenLifetime;
			return this;
		}

		/**
		 * Sets whether token responses leave out {@code expires_in}; the JWT still carries {@code exp}.
		 * @param omitExpiresIn whether to leave it out
		 * @return this builder
		 */
		public Builder omitExpiresIn(boolean omitExpiresIn) {
			this.omitExpiresIn = omitExpiresIn;
			return this;
		}

		/**
		 * Sets whether the API host requires a valid bearer token bound to the connection's leaf, as in
		 * Checkout's JWT mode. Off unless set: the certificate alone authenticates.
		 * @param requireToken whether to require a token
		 * @return this builder
		 */
		public Builder requireToken(boolean requireToken) {
			this.requireToken = requireToken;
			return this;
		}

		/**
		 * Limits the scopes the token endpoint grants; a request for any other gets {@code invalid_scope}.
		 * Without it any scope is granted. A request without {@code scope} gets all the allowed ones.
		 * @param scopes the allowed scopes
		 * @return this builder
		 */
		public Builder allowedScopes(String... scopes) {
			this.allowedScopes.addAll(Arrays.asList(scopes));
			return this;
		}

		/**
		 * Sets the clock that stamps and expires tokens, for tests of expiry that must not wait.
		 * Certificate validity during handshakes always uses the real time.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
			return this;
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
