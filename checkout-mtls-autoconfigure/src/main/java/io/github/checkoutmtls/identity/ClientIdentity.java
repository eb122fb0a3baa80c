package io.github.checkoutmtls.identity;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The client's identity: the certificate chain it presents, ordered leaf first, the
 * leaf's private key, and the facts derived once from them. Every key material source
 * ends as one of these; checks, the TLS connector, the token cache, logging and
 * diagnostics read it and never re-parse files.
 *
 * <p>
 * {@link #toString()} describes the certificates only: the private key never leaves this
 * object except through {@link #privateKey()}.
 */
public final class ClientIdentity {

	private final List<X509Certificate> chain;

	private final PrivateKey privateKey;

	private final String source;

	private final @Nullable String commonName;

	private final String thumbprint;

	private final String fingerprint;

	private final @Nullable X509Certificate registeredRoot;

	private final List<X509Certificate> validatedCertificates;

	private final X509Certificate firstToExpire;

	private ClientIdentity(List<X509Certificate> chain, PrivateKey privateKey, String source,
			@Nullable X509Certificate registeredRoot) {
		this.chain = List.copyOf(chain);
		this.privateKey = privateKey;
		this.source = source;
		this.commonName = commonName(leaf().getSubjectX500Principal().getName());
		byte[] digest = sha256(leaf());
		this.thumbprint = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		this.fingerprint = HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
		this.registeredRoot = registeredRoot;
		this.validatedCertificates = validatedCertificates(this.chain, registeredRoot);
		this.firstToExpire = this.validatedCertificates.stream()
			.min(Comparator.comparing(X509Certificate::getNotAfter))
			.orElseThrow();
	}

	private static List<X509Certificate> validatedCertificates(List<X509Certificate> chain,
			@Nullable X509Certificate registeredRoot) {
		List<X509Certificate> certificates = new ArrayList<>(chain);
		if (registeredRoot != null && !chain.contains(registeredRoot)) {
			certificates.add(registeredRoot);
		}
		return List.copyOf(certificates);
	}

	/**
	 * Creates an identity from a chain that is already ordered leaf first and the leaf's
	 * key.
	 * @param chain the certificates, leaf first, each followed by its issuer
	 * @param privateKey the leaf's private key
	 * @param source where the material came from, e.g.
	 * {@code checkout.mtls.pem.certificate=file:/etc/chain.pem}
	 * @return the identity
	 */
	public static ClientIdentity of(List<X509Certificate> chain, PrivateKey privateKey, String source) {
		Assert.notEmpty(chain, "'chain' must not be empty");
		Assert.notNull(privateKey, "'privateKey' must not be null");
		Assert.hasText(source, "'source' must not be empty");
		return new ClientIdentity(chain, privateKey, source, null);
	}

	/**
	 * Returns this identity anchored at the registered root its chain builds to.
	 * @param root the registered root that is in the chain or signed its top
	 * @return a copy whose expiry facts cover the root too
	 */
	ClientIdentity anchoredAt(X509Certificate root) {
		return new ClientIdentity(this.chain, this.privateKey, this.source, root);
	}

	/**
	 * Returns the chain to present, leaf first.
	 * @return the chain
	 */
	public List<X509Certificate> chain() {
		return this.chain;
	}

	/**
	 * Returns the leaf certificate.
	 * @return the leaf
	 */
	public X509Certificate leaf() {
		return this.chain.get(0);
	}

	/**
	 * Returns the leaf's private key.
	 * @return the private key
	 */
	public PrivateKey privateKey() {
		return this.privateKey;
	}

	/**
	 * Returns where the material came from (property and location, never a secret).
	 * @return the source
	 */
	public String source() {
		return this.source;
	}

	/**
	 * Returns the property the material was configured with, e.g.
	 * {@code checkout.mtls.pem.certificate}.
	 * @return the property name
	 */
	public String sourceProperty() {
		int separator = this.source.indexOf('=');
		return (separator > 0) ? this.source.substring(0, separator) : this.source;
	}

	/**
	 * Returns the location the material was read from, e.g.
	 * {@code file:/etc/checkout/chain.pem}.
	 * @return the location, or {@code null} when the source names none
	 */
	public @Nullable String sourceLocation() {
		int separator = this.source.indexOf('=');
		return (separator > 0) ? this.source.substring(separator + 1) : null;
	}

	/**
	 * Returns the CN of the leaf's subject: the value registered with Checkout.
	 * @return the common name, or {@code null} when the subject has none
	 */
	public @Nullable String commonName() {
		return this.commonName;
	}

	/**
	 * Returns the leaf's subject distinguished name.
	 * @return the subject
	 */
	public String subject() {
		return leaf().getSubjectX500Principal().getName();
	}

	/**
	 * Returns the leaf's issuer distinguished name.
	 * @return the issuer
	 */
	public String issuer() {
		return leaf().getIssuerX500Principal().getName();
	}

	/**
	 * Returns the leaf's serial number in hexadecimal.
	 * @return the serial number
	 */
	public String serialNumber() {
		return serialNumber(leaf());
	}

	/**
	 * Returns when the leaf becomes valid.
	 * @return the start of the leaf's validity
	 */
	public Instant notBefore() {
		return leaf().getNotBefore().toInstant();
	}

	/**
	 * Returns when the leaf expires.
	 * @return the end of the leaf's validity
	 */
	public Instant notAfter() {
		return leaf().getNotAfter().toInstant();
	}

	/**
	 * Returns the root registered with Checkout that the chain builds to, when
	 * {@code checkout.mtls.registered-roots} is set and names it.
	 * @return the registered root, or {@code null} when unknown
	 */
	public @Nullable X509Certificate registeredRoot() {
		return this.registeredRoot;
	}

	/**
	 * Returns every certificate Checkout validates: the chain, leaf first, then the
	 * registered root it builds to when that root is known and not part of the chain.
	 * @return the certificates Checkout validates
	 */
	public List<X509Certificate> validatedCertificates() {
		return this.validatedCertificates;
	}

	/**
	 * Returns the certificate Checkout validates that expires first: the leaf, unless an
	 * intermediate or the root expires before it.
	 * @return the certificate that expires first
	 */
	public X509Certificate firstToExpire() {
		return this.firstToExpire;
	}

	/**
	 * Returns when the first certificate Checkout validates expires.
	 * @return the earliest end of validity in {@link #validatedCertificates()}
	 */
	public Instant firstExpiry() {
		return this.firstToExpire.getNotAfter().toInstant();
	}

	/**
	 * Returns the time left until the leaf expires, negative once it has.
	 * @param now the current instant
	 * @return the time left
	 */
	public Duration timeLeft(Instant now) {
		return Duration.between(now, notAfter());
	}

	/**
	 * Returns the time left until the first certificate Checkout validates expires,
	 * negative once it has.
	 * @param now the current instant
	 * @return the time left
	 */
	public Duration timeLeftOfFirstToExpire(Instant now) {
		return Duration.between(now, firstExpiry());
	}

	/**
	 * Returns the RFC 8705 thumbprint of the leaf: base64url, without padding, of the
	 * SHA-256 of its DER encoding. A certificate-bound token carries this value as
	 * {@code cnf.x5t#S256}.
	 * @return the thumbprint
	 */
	public String thumbprint() {
		return this.thumbprint;
	}

	/**
	 * Returns the SHA-256 fingerprint of the leaf as colon-separated hexadecimal, as
	 * {@code openssl x509 -fingerprint -sha256} prints it.
	 * @return the fingerprint
	 */
	public String fingerprint() {
		return this.fingerprint;
	}

	@Override
	public String toString() {
		return "ClientIdentity[CN=" + this.commonName + ", issuer=" + issuer() + ", serial=" + serialNumber()
				+ ", notAfter=" + notAfter() + ", chainLength=" + this.chain.size() + ", x5t#S256=" + this.thumbprint
				+ ", source=" + this.source + "]";
	}

	/**
	 * Returns a certificate's serial number in hexadecimal.
	 * @param certificate the certificate
	 * @return the serial number
	 */
	public static String serialNumber(X509Certificate certificate) {
		BigInteger serial = certificate.getSerialNumber();
		return serial.toString(16);
	}

	/**
	 * Returns the SHA-256 fingerprint of a certificate as colon-separated hexadecimal, as
	 * {@code openssl x509 -fingerprint -sha256} prints it.
	 * @param certificate the certificate
	 * @return the fingerprint
	 */
	public static String fingerprint(X509Certificate certificate) {
		return HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256(certificate));
	}

	/**
	 * Whether a certificate names itself as issuer and is signed by its own key: a root.
	 * @param certificate the certificate
	 * @return whether it is self-signed
	 */
	public static boolean isSelfSigned(X509Certificate certificate) {
		return Signatures.isSelfSigned(certificate);
	}

	/**
	 * Whether a certificate's signature verifies with the key of a candidate issuer.
	 * @param certificate the certificate to check
	 * @param issuer the candidate issuer
	 * @return whether {@code issuer}'s key signed {@code certificate}
	 */
	public static boolean isSignedBy(X509Certificate certificate, X509Certificate issuer) {
		return Signatures.verifies(certificate, issuer);
	}

	/**
	 * Returns the CN of a distinguished name.
	 * @param distinguishedName the name in RFC 2253 form
	 * @return the last CN, or {@code null} when there is none
	 */
	public static @Nullable String commonName(String distinguishedName) {
		try {
			String cn = null;
			for (Rdn rdn : new LdapName(distinguishedName).getRdns()) {
				if ("CN".equalsIgnoreCase(rdn.getType())) {
					cn = String.valueOf(rdn.getValue());
				}
			}
			return cn;
		}
		catch (InvalidNameException ex) {
			return null;
		}
	}

	private static byte[] sha256(X509Certificate certificate) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
		}
		catch (NoSuchAlgorithmException | CertificateEncodingException ex) {
			throw new IllegalStateException(
					"Cannot compute the SHA-256 thumbprint of " + certificate.getSubjectX500Principal(), ex);
		}
	}

}
