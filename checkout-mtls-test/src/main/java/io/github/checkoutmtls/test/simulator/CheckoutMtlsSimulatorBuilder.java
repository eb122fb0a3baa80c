package io.github.checkoutmtls.test.simulator;

import java.security.cert.X509Certificate;
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

import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.TestPki;

/**
 * Configures and starts a {@link CheckoutMtlsSimulator}: the mTLS edge and token host
 * here, the API host's idempotency and payment behaviour in the inherited settings.
 */
public final class CheckoutMtlsSimulatorBuilder extends ApiOptions<CheckoutMtlsSimulatorBuilder> {

	CertificateAndKey serverCertificate;

	X509Certificate serverCertificateIssuer;

	final List<X509Certificate> trustedRoots = new ArrayList<>();

	String registeredCommonName;

	HandshakeRejection handshakeRejection = HandshakeRejection.RESET;

	final Map<String, ClientRegistration> clients = new LinkedHashMap<>();

	final Set<String> allowedScopes = new LinkedHashSet<>();

	String tokenPath = "/connect/token";

	Duration tokenLifetime = Duration.ofHours(1);

	boolean omitExpiresIn;

	boolean requireToken;

	Clock clock = Clock.systemUTC();

	CheckoutMtlsSimulatorBuilder() {
	}

	@Override
	CheckoutMtlsSimulatorBuilder self() {
		return this;
	}

	/**
	 * Registers an OAuth client with the token endpoint. Checkout does not publish
	 * whether its mTLS access host still wants a secret, so both are possible.
	 * @param clientId the client id
	 * @param clientSecret the secret, for {@code client_secret_post} or
	 * {@code client_secret_basic}; or {@code null} for {@code tls_client_auth}, where the
	 * client sends only its id and the certificate authenticates it
	 * @return this builder
	 */
	public CheckoutMtlsSimulatorBuilder client(String clientId, String clientSecret) {
		Objects.requireNonNull(clientId, "'clientId' must not be null");
		this.clients.put(clientId, new ClientRegistration(clientId, clientSecret));
		return this;
	}

	/**
	 * Sets the token endpoint's path, {@code /connect/token} unless set.
	 * @param tokenPath the path, starting with {@code /}
	 * @return this builder
	 */
	public CheckoutMtlsSimulatorBuilder tokenPath(String tokenPath) {
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
	public CheckoutMtlsSimulatorBuilder tokenLifetime(Duration tokenLifetime) {
		this.tokenLifetime = positive(tokenLifetime, "tokenLifetime");
		return this;
	}

	/**
	 * Sets whether token responses leave out {@code expires_in}; the JWT still carries
	 * {@code exp}.
	 * @param omitExpiresIn whether to leave it out
	 * @return this builder
	 */
	public CheckoutMtlsSimulatorBuilder omitExpiresIn(boolean omitExpiresIn) {
		this.omitExpiresIn = omitExpiresIn;
		return this;
	}

	/**
	 * Sets whether the API host requires a valid bearer token bound to the connection's
	 * leaf, as in Checkout's JWT mode. Off unless set: the certificate alone
	 * authenticates.
	 * @param requireToken whether to require a token
	 * @return this builder
	 */
	public CheckoutMtlsSimulatorBuilder requireToken(boolean requireToken) {
		this.requireToken = requireToken;
		return this;
	}

	/**
	 * Limits the scopes the token endpoint grants; a request for any other gets
	 * {@code invalid_scope}. Without it any scope is granted. A request without
	 * {@code scope} gets all the allowed ones.
	 * @param scopes the allowed scopes
	 * @return this builder
	 */
	public CheckoutMtlsSimulatorBuilder allowedScopes(String... scopes) {
		this.allowedScopes.addAll(Arrays.asList(scopes));
		return this;
	}

	/**
	 * Sets the clock that stamps and expires tokens and idempotency keys, processes
	 * payment actions and dates payments, for tests of time that must not wait.
	 * Certificate validity during handshakes always uses the real time.
	 * @param clock the clock
	 * @return this builder
	 */
	public CheckoutMtlsSimulatorBuilder clock(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
		return this;
	}

	/**
	 * Sets the server's TLS identity, which must be valid for {@code localhost}. Without
	 * it the simulator makes its own. {@link CheckoutMtlsSimulator#serverCa()} then
	 * returns the certificate itself, which a client can trust directly; prefer
	 * {@link #serverCertificate(CertificateAndKey, X509Certificate)}.
	 * @param serverCertificate the certificate and key, such as {@link TestPki#server()}
	 * @return this builder
	 */
	public CheckoutMtlsSimulatorBuilder serverCertificate(CertificateAndKey serverCertificate) {
		return serverCertificate(serverCertificate, null);
	}

	/**
	 * Sets the server's TLS identity and the CA that issued it.
	 * @param serverCertificate the certificate and key, such as {@link TestPki#server()}
	 * @param issuer the CA clients must trust, such as {@link TestPki#serverCa()}
	 * @return this builder
	 */
	public CheckoutMtlsSimulatorBuilder serverCertificate(CertificateAndKey serverCertificate, X509Certificate issuer) {
		this.serverCertificate = Objects.requireNonNull(serverCertificate, "'serverCertificate' must not be null");
		this.serverCertificateIssuer = issuer;
		return this;
	}

	/**
	 * Adds roots the merchant registered with Checkout: client chains must validate to
	 * one of them.
	 * @param roots the CA certificates
	 * @return this builder
	 */
	public CheckoutMtlsSimulatorBuilder trustedRoots(X509Certificate... roots) {
		return trustedRoots(Arrays.asList(roots));
	}

	/**
	 * Adds roots the merchant registered with Checkout: client chains must validate to
	 * one of them.
	 * @param roots the CA certificates
	 * @return this builder
	 */
	public CheckoutMtlsSimulatorBuilder trustedRoots(List<X509Certificate> roots) {
		roots.forEach((root) -> this.trustedRoots.add(Objects.requireNonNull(root, "'roots' must not hold null")));
		return this;
	}

	/**
	 * Sets the leaf CN registered during onboarding. A validated leaf with another CN
	 * gets 401 without a body. Unset, any CN is accepted.
	 * @param registeredCommonName the common name, or {@code null} to accept any
	 * @return this builder
	 */
	public CheckoutMtlsSimulatorBuilder registeredCommonName(String registeredCommonName) {
		this.registeredCommonName = registeredCommonName;
		return this;
	}

	/**
	 * Sets how rejected client handshakes end, {@link HandshakeRejection#RESET} unless
	 * set: Checkout documents "connection reset by peer" ("Mutual TLS", troubleshooting).
	 * @param handshakeRejection the rejection mode
	 * @return this builder
	 */
	public CheckoutMtlsSimulatorBuilder handshakeRejection(HandshakeRejection handshakeRejection) {
		this.handshakeRejection = Objects.requireNonNull(handshakeRejection, "'handshakeRejection' must not be null");
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
