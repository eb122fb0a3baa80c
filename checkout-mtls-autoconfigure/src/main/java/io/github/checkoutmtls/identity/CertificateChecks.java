package io.github.checkoutmtls.identity;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ResourceLoader;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * The checks Checkout's published rules impose on a client identity: a supported key, a
 * private CA, a complete chain, valid dates and the registered CN. Each check is a
 * function of the identity; {@link #run} gives every finding (for reports),
 * {@link #enforce} throws the first failure (for startup).
 */
public final class CertificateChecks {

	private static final Log logger = LogFactory.getLog(CertificateChecks.class);

	private static final List<BigInteger> SUPPORTED_CURVE_ORDERS = List.of(curveOrder("secp256r1"),
			curveOrder("secp384r1"));

	static final String EXPECTED_COMMON_NAME = "checkout.mtls.expected-common-name";

	private final @Nullable String expectedCommonName;

	private final Duration expiryWarning;

	private final Clock clock;

	private final Supplier<List<X509Certificate>> publicAuthorities;

	private final List<Function<ClientIdentity, Finding>> checks = List.of(this::key, this::notSelfSigned,
			this::chainComplete, this::privateIssuer, this::validity, CertificateUsageCheck::run, this::commonName,
			this::expiry);

	private final RegisteredRoots registeredRoots;

	// The checks of what Checkout validates beyond the leaf: the registered root and
	// every CA's expiry.
	private final List<Function<ClientIdentity, Finding>> rootChecks = List.of(this::registeredRoot, this::caExpiry);

	/**
	 * Creates checks that compare with the JVM's trust store for public CAs.
	 * @param expectedCommonName the CN registered with Checkout, or {@code null} to
	 * accept any
	 * @param expiryWarning how long before the leaf's expiry to warn
	 * @param clock the clock to check validity with
	 */
	public CertificateChecks(@Nullable String expectedCommonName, Duration expiryWarning, Clock clock) {
		this(expectedCommonName, expiryWarning, clock, PublicCertificateAuthorities.readingInBackground());
	}

	CertificateChecks(@Nullable String expectedCommonName, Duration expiryWarning, Clock clock,
			Supplier<List<X509Certificate>> publicAuthorities) {
		this(expectedCommonName, expiryWarning, clock, publicAuthorities, RegisteredRoots.none());
	}

	private CertificateChecks(@Nullable String expectedCommonName, Duration expiryWarning, Clock clock,
			Supplier<List<X509Certificate>> publicAuthorities, RegisteredRoots registeredRoots) {
		this.expectedCommonName = expectedCommonName;
		this.expiryWarning = expiryWarning;
		this.clock = clock;
		this.publicAuthorities = publicAuthorities;
		this.registeredRoots = registeredRoots;
	}

	/**
	 * Returns checks that also require the chain to build to one of the roots registered
	 * with Checkout, read now from a PEM resource with the same rules as the key
	 * material.
	 * @param resourceLoader the loader for prefixed locations
	 * @param location the {@code checkout.mtls.registered-roots} resource
	 * @return the checks
	 * @throws CheckoutMtlsConfigurationException when the resource cannot be read or
	 * holds no certificate
	 */
	public CertificateChecks withRegisteredRoots(ResourceLoader resourceLoader, String location) {
		return new CertificateChecks(this.expectedCommonName, this.expiryWarning, this.clock, this.publicAuthorities,
				RegisteredRoots.read(resourceLoader, location));
	}

	/**
	 * Returns the identity anchored at the registered root its chain builds to, so that
	 * its expiry facts cover that root; the identity itself when no registered root is
	 * configured or none matches.
	 * @param identity the identity
	 * @return the anchored identity
	 */
	public ClientIdentity anchor(ClientIdentity identity) {
		X509Certificate root = this.registeredRoots.anchorOf(identity.chain());
		return (root != null && !root.equals(identity.registeredRoot())) ? identity.anchoredAt(root) : identity;
	}

	/**
	 * Runs every check.
	 * @param identity the identity to check
	 * @return one finding per check, in order
	 */
	public List<Finding> run(ClientIdentity identity) {
		ClientIdentity anchored = anchor(identity);
		return Stream.concat(this.checks.stream(), this.rootChecks.stream())
			.map((check) -> check.apply(anchored))
			.toList();
	}

	/**
	 * Runs every check, logs the warnings and throws the first failure.
	 * @param identity the identity to check
	 * @return the identity, {@link #anchor anchored} at its registered root, when no
	 * check failed
	 * @throws CheckoutMtlsConfigurationException the first failure
	 */
	public ClientIdentity enforce(ClientIdentity identity) {
		ClientIdentity anchored = anchor(identity);
		List<Finding> findings = run(anchored);
		findings.stream().filter((finding) -> finding.failure() != null).findFirst().ifPresent((finding) -> {
			throw finding.failure();
		});
		findings.stream()
			.filter((finding) -> finding.status() == Finding.Status.WARN)
			.forEach((finding) -> logger.warn("Checkout mTLS client certificate: " + finding.summary()));
		return anchored;
	}

	private Finding key(ClientIdentity identity) {
		PublicKey key = identity.leaf().getPublicKey();
		String description = describe(key);
		if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < 2048) {
			return Finding.fail("key", new UnsupportedKeyException(
					"The leaf's key is " + description + ", too weak to protect payment credentials",
					identity.sourceProperty(), identity.sourceLocation(),
					"Issue the client certificate for an RSA key of at least 2048 bits, or an EC key on P-256 or P-384."));
		}
		if ((key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() <= 4096)
				|| (key instanceof ECPublicKey ec && isP256OrP384(ec))) {
			return Finding.pass("key", "Leaf key is " + description + ".");
		}
		// Checkout does not publish which key types its edge accepts: warn outside what
		// is known to work.
		return Finding.warn("key", "Leaf key is " + description + "; RSA 2048-4096 and EC P-256/P-384 are the key"
				+ " types known to work with Checkout's mTLS edge.");
	}

	private Finding notSelfSigned(ClientIdentity identity) {
		if (!Signatures.isSelfSigned(identity.leaf())) {
			return Finding.pass("not-self-signed", "Leaf is issued by '" + identity.issuer() + "'.");
		}
		return Finding.fail("not-self-signed", new UnsupportedCertificateIssuerException(
				"The client certificate '" + identity.subject() + "' is self-signed; Checkout accepts only certificates"
						+ " issued by your private CA",
				identity.sourceProperty(), identity.sourceLocation(),
				"Issue the client certificate from your private CA and register that CA's root with Checkout."));
	}

	private Finding chainComplete(ClientIdentity identity) {
		List<X509Certificate> chain = identity.chain();
		for (int i = 0; i < chain.size() - 1; i++) {
			X509Certificate certificate = chain.get(i);
			X509Certificate next = chain.get(i + 1);
			if (!certificate.getIssuerX500Principal().equals(next.getSubjectX500Principal())) {
				return missingIssuer(identity, certificate);
			}
			if (!Signatures.verifies(certificate, next)) {
				return Finding.fail("chain-complete", new IncompleteCertificateChainException(
						"The certificate '" + subject(certificate) + "' is not signed by the key of '" + subject(next)
								+ "', which has the same name",
						identity.sourceProperty(), identity.sourceLocation(),
						"Replace '" + subject(next) + "' with the CA certificate that really issued '"
								+ subject(certificate) + "': the file mixes certificates of two CAs."));
			}
		}
		X509Certificate last = chain.get(chain.size() - 1);
		if (chain.size() == 1 && !Signatures.isSelfSigned(last)) {
			return Finding.warn("chain-complete", "The file holds only the leaf, issued by '" + identity.issuer()
					+ "'. If that is an intermediate CA, append it: Checkout resets connections with incomplete chains.");
		}
		return Finding.pass("chain-complete", "Chain of " + chain.size() + " certificate(s) links up to '"
				+ subject(last) + "'" + (Signatures.isSelfSigned(last) ? "." : " (root left out)."));
	}

	private Finding missingIssuer(ClientIdentity identity, X509Certificate certificate) {
		String issuer = certificate.getIssuerX500Principal().getName();
		return Finding.fail("chain-complete", new IncompleteCertificateChainException(
				"The client certificate chain is incomplete: the issuer '" + issuer + "' of '" + subject(certificate)
						+ "' is missing",
				identity.sourceProperty(), identity.sourceLocation(),
				"Append the PEM of the CA certificate '" + issuer + "' to the certificate file (leaf first, then"
						+ " each intermediate). Checkout resets connections whose chain it cannot build."));
	}

	private Finding privateIssuer(ClientIdentity identity) {
		List<X509Certificate> authorities = this.publicAuthorities.get();
		for (X509Certificate certificate : identity.chain()) {
			if (PublicCertificateAuthorities.isPublic(certificate, authorities)) {
				return Finding.fail("private-ca", new UnsupportedCertificateIssuerException(
						"The client certificate chain leads to '" + certificate.getIssuerX500Principal().getName()
								+ "', a public CA of the JVM's trust store; Checkout accepts only certificates issued"
								+ " by your private CA",
						identity.sourceProperty(), identity.sourceLocation(),
						"Issue the client certificate from your private CA and register that CA's root with Checkout."));
			}
		}
		return Finding.pass("private-ca", "No certificate of the chain is issued by a public CA.");
	}

	private Finding validity(ClientIdentity identity) {
		Instant now = this.clock.instant();
		for (X509Certificate certificate : identity.chain()) {
			Instant notBefore = certificate.getNotBefore().toInstant();
			Instant notAfter = certificate.getNotAfter().toInstant();
			if (now.isBefore(notBefore) || now.isAfter(notAfter)) {
				String state = now.isAfter(notAfter) ? "expired on " + notAfter : "is not valid before " + notBefore;
				return Finding.fail("validity",
						new CertificateValidityException("The certificate '" + subject(certificate) + "' " + state,
								identity.sourceProperty(), identity.sourceLocation(),
								"Renew '" + subject(certificate)
										+ "' and point the property at the new file. Checkout resets"
										+ " connections that present an expired or not yet valid certificate."));
			}
		}
		return Finding.pass("validity", "Every certificate of the chain is valid now.");
	}

	private Finding commonName(ClientIdentity identity) {
		String actual = identity.commonName();
		if (actual == null || actual.isBlank()) {
			return Finding.fail("common-name", CommonNameMismatchException.missing(identity));
		}
		if (this.expectedCommonName == null) {
			return Finding.pass("common-name", "Leaf CN is '" + actual + "'; register exactly this with Checkout.");
		}
		if (this.expectedCommonName.isBlank()) {
			return Finding.fail("common-name",
					CommonNameMismatchException.emptyExpected(this.expectedCommonName, actual));
		}
		if (!this.expectedCommonName.equals(actual)) {
			return Finding.fail("common-name", CommonNameMismatchException.differs(this.expectedCommonName, actual));
		}
		return Finding.pass("common-name", "Leaf CN '" + actual + "' is the one registered with Checkout.");
	}

	private Finding expiry(ClientIdentity identity) {
		Duration left = identity.timeLeft(this.clock.instant());
		if (left.isNegative()) {
			// The validity check fails for this; here it only says how long ago.
			return Finding.warn("expiry", "The leaf '" + identity.commonName() + "' expired " + left.negated().toDays()
					+ " day(s) ago, on " + identity.notAfter() + ".");
		}
		if (left.compareTo(this.expiryWarning) < 0) {
			return Finding.warn("expiry", "The leaf '" + identity.commonName() + "' expires in " + left.toDays()
					+ " day(s), on " + identity.notAfter() + ". Renew it and send any new root to Checkout first.");
		}
		return Finding.pass("expiry", "Leaf expires on " + identity.notAfter() + ", in " + left.toDays() + " day(s).");
	}

	private Finding registeredRoot(ClientIdentity identity) {
		if (this.registeredRoots.isEmpty()) {
			return Finding.pass("registered-root", "Not compared with the roots registered with Checkout: set "
					+ IdentityPropertyNames.REGISTERED_ROOTS + " to the file of roots sent to Checkout.");
		}
		X509Certificate root = identity.registeredRoot();
		if (root == null) {
			return Finding.fail("registered-root", unregistered(identity));
		}
		Instant now = this.clock.instant();
		if (now.isAfter(root.getNotAfter().toInstant())) {
			return Finding.fail("registered-root", new CertificateValidityException(
					"The registered root '" + subject(root) + "' that the chain builds to expired on "
							+ root.getNotAfter().toInstant(),
					IdentityPropertyNames.REGISTERED_ROOTS, this.registeredRoots.location(),
					"Issue the chain under a renewed root, send that root to Checkout and add it to the file."));
		}
		return Finding.pass("registered-root", "Chain builds to the registered root '" + subject(root) + "'.");
	}

	private UnregisteredRootException unregistered(ClientIdentity identity) {
		X509Certificate top = identity.chain().get(identity.chain().size() - 1);
		if (!this.registeredRoots.namedIssuersOf(top).isEmpty() && !Signatures.isSelfSigned(top)) {
			return UnregisteredRootException.sameNameOtherKey(identity, this.registeredRoots);
		}
		if (identity.chain().size() == 1 && !Signatures.isSelfSigned(top)) {
			return UnregisteredRootException.leafOnly(identity, this.registeredRoots);
		}
		return UnregisteredRootException.unregistered(identity, this.registeredRoots);
	}

	private Finding caExpiry(ClientIdentity identity) {
		List<X509Certificate> authorities = identity.validatedCertificates()
			.subList(1, identity.validatedCertificates().size());
		if (authorities.isEmpty()) {
			return Finding.pass("ca-expiry", "No CA certificate is known to track; set "
					+ IdentityPropertyNames.REGISTERED_ROOTS + " to track the registered root's expiry too.");
		}
		X509Certificate first = authorities.stream()
			.min((a, b) -> a.getNotAfter().compareTo(b.getNotAfter()))
			.orElseThrow();
		Duration left = Duration.between(this.clock.instant(), first.getNotAfter().toInstant());
		if (left.isNegative()) {
			// The validity or registered-root check fails for this; here it only says
			// which.
			return Finding.warn("ca-expiry", "The " + role(identity, first) + " '" + subject(first) + "' expired on "
					+ first.getNotAfter().toInstant() + ".");
		}
		if (left.compareTo(this.expiryWarning) < 0) {
			// Checkout.com, "Mutual TLS" (April 2026): renewed roots must be sent before
			// the active ones expire.
			return Finding.warn("ca-expiry",
					"The " + role(identity, first) + " '" + subject(first) + "' that Checkout validates expires in "
							+ left.toDays() + " day(s), on " + first.getNotAfter().toInstant()
							+ ". Send the renewed root to Checkout before the active one"
							+ " expires, then reissue the chain under it.");
		}
		return Finding.pass("ca-expiry", "The first CA certificate to expire, '" + subject(first) + "', is valid until "
				+ first.getNotAfter().toInstant() + ".");
	}

	private static String role(ClientIdentity identity, X509Certificate certificate) {
		return (certificate.equals(identity.registeredRoot()) || Signatures.isSelfSigned(certificate)) ? "root"
				: "intermediate CA";
	}

	private static boolean isP256OrP384(ECPublicKey key) {
		return SUPPORTED_CURVE_ORDERS.contains(key.getParams().getOrder());
	}

	private static BigInteger curveOrder(String curve) {
		try {
			AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
			parameters.init(new ECGenParameterSpec(curve));
			return parameters.getParameterSpec(ECParameterSpec.class).getOrder();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JVM does not know the EC curve " + curve, ex);
		}
	}

	/**
	 * Describes a public key as the checks and reports name it, e.g.
	 * {@code RSA 2048 bits} or {@code EC 256 bits}.
	 * @param key the key
	 * @return the algorithm and size
	 */
	public static String describe(PublicKey key) {
		if (key instanceof RSAPublicKey rsa) {
			return "RSA " + rsa.getModulus().bitLength() + " bits";
		}
		if (key instanceof ECPublicKey ec) {
			return "EC " + ec.getParams().getCurve().getField().getFieldSize() + " bits";
		}
		return key.getAlgorithm();
	}

	private static String subject(X509Certificate certificate) {
		return certificate.getSubjectX500Principal().getName();
	}

}
