package io.github.checkoutmtls.test.pki;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import javax.security.auth.x500.X500Principal;

import io.github.checkoutmtls.test.pki.CertificateIssuer.Profile;

/**
 * A private PKI made in memory for tests: a client root CA, zero to three intermediates
 * and a leaf with a chosen common name, as a merchant's private CA would issue them for
 * Checkout's mTLS, plus a separate CA and a {@code localhost} server certificate for the
 * server side of a test.
 *
 * <p>
 * Every instance has its own random suffix in its CA names, so two instances never share
 * an issuer name and a chain from one never builds to the root of another by accident.
 *
 * <pre class="code">
 * TestPki pki = TestPki.builder().commonName("merchant.internal").build();
 * </pre>
 */
public final class TestPki {

	/**
	 * Alias of the leaf key entry in the PKCS#12 store written by {@link #writeTo(Path)}.
	 */
	public static final String PKCS12_ALIAS = "checkout";

	/**
	 * Password of the PKCS#12 store written by {@link #writeTo(Path)}.
	 */
	public static final String PKCS12_PASSWORD = "changeit";

	/**
	 * Leaf common name used when none is set.
	 */
	public static final String DEFAULT_COMMON_NAME = "merchant.checkout-mtls.test";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Duration DEFAULT_LEAF_VALIDITY = Duration.ofDays(365);

	private final String suffix;

	private final CertificateAndKey root;

	private final List<CertificateAndKey> intermediates;

	private final CertificateAndKey leaf;

	private final CertificateAndKey serverCa;

	private final CertificateAndKey server;

	private TestPki(Builder builder) {
		this.suffix = newSuffix();
		Instant now = Instant.now();
		this.root = CertificateIssuer.selfSigned(caName("Root CA"), builder.caKeyType, Profile.CA,
				now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)));
		this.intermediates = intermediates(builder, now);
		this.leaf = CertificateIssuer.issue(leafIssuer(), leafName(builder.commonName), builder.keyType, Profile.CLIENT,
				orDefault(builder.leafNotBefore, now.minus(Duration.ofHours(1))),
				orDefault(builder.leafNotAfter, now.plus(DEFAULT_LEAF_VALIDITY)));
		this.serverCa = CertificateIssuer.selfSigned(caName("Server CA"), KeyType.EC_P256, Profile.CA,
				now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)));
		this.server = CertificateIssuer.issue(this.serverCa, CertificateIssuer.name("localhost", this.suffix),
				KeyType.EC_P256, Profile.SERVER, now.minus(Duration.ofHours(1)), now.plus(DEFAULT_LEAF_VALIDITY));
	}

	private static String newSuffix() {
		byte[] bytes = new byte[4];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	private List<CertificateAndKey> intermediates(Builder builder, Instant now) {
		Instant notBefore = orDefault(builder.intermediateNotBefore, now.minus(Duration.ofDays(1)));
		Instant notAfter = orDefault(builder.intermediateNotAfter, now.plus(Duration.ofDays(5 * 365)));
		List<CertificateAndKey> result = new ArrayList<>();
		CertificateAndKey issuer = this.root;
		for (int i = 1; i <= builder.intermediates; i++) {
			issuer = CertificateIssuer.issue(issuer, caName("Intermediate CA " + i), builder.caKeyType, Profile.CA,
					notBefore, notAfter);
			result.add(issuer);
		}
		return List.copyOf(result);
	}

	/**
	 * Returns a builder with the defaults: one intermediate, an EC P-256 leaf for
	 * {@value #DEFAULT_COMMON_NAME}, valid from an hour ago for a year.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Creates a self-signed client certificate, which Checkout refuses: a private CA must
	 * issue leaves.
	 * @param commonName the subject's CN
	 * @param keyType the key type
	 * @return the certificate and its key
	 */
	public static CertificateAndKey selfSigned(String commonName, KeyType keyType) {
		Instant now = Instant.now();
		return CertificateIssuer.selfSigned(CertificateIssuer.name(commonName, null), keyType, Profile.CLIENT,
				now.minus(Duration.ofHours(1)), now.plus(DEFAULT_LEAF_VALIDITY));
	}

	/**
	 * Returns the client root CA, the certificate a merchant registers with Checkout.
	 * @return the root CA
	 */
	public CertificateAndKey root() {
		return this.root;
	}

	/**
	 * Returns the intermediate CAs, nearest to the root first.
	 * @return the intermediates, possibly empty
	 */
	public List<CertificateAndKey> intermediates() {
		return this.intermediates;
	}

	/**
	 * Returns the client leaf.
	 * @return the leaf
	 */
	public CertificateAndKey leaf() {
		return this.leaf;
	}

	/**
	 * Returns the chain a client presents: the leaf, then the intermediates from the
	 * leaf's issuer up. The root is not included, as Checkout already holds it.
	 * @return the chain, leaf first
	 */
	public List<X509Certificate> chain() {
		return chainFor(this.leaf);
	}

	/**
	 * Returns the chain a client presents for a leaf issued by this PKI, for example by
	 * {@link #issueLeaf(String, KeyType)}.
	 * @param leaf a leaf issued by this PKI's last intermediate (or root, without
	 * intermediates)
	 * @return the leaf followed by the intermediates, nearest to the leaf first
	 */
	public List<X509Certificate> chainFor(CertificateAndKey leaf) {
		List<X509Certificate> chain = new ArrayList<>();
		chain.add(leaf.certificate());
		for (int i = this.intermediates.size() - 1; i >= 0; i--) {
			chain.add(this.intermediates.get(i).certificate());
		}
		return List.copyOf(chain);
	}

	/**
	 * Returns a TLS server certificate for {@code localhost} (SAN {@code DNS:localhost}
	 * and {@code IP:127.0.0.1}), issued by {@link #serverCa()} rather than by the client
	 * root.
	 * @return the server certificate and key
	 */
	public CertificateAndKey server() {
		return this.server;
	}

	/**
	 * Returns the CA a client must trust to accept {@link #server()}.
	 * @return the server CA certificate
	 */
	public X509Certificate serverCa() {
		return this.serverCa.certificate();
	}

	/**
	 * Issues a new leaf from the last intermediate (or the root, without intermediates),
	 * valid from an hour ago for a year, for example to test certificate rotation.
	 * @param commonName the subject's CN
	 * @param keyType the key type
	 * @return the new leaf and its key
	 */
	public CertificateAndKey issueLeaf(String commonName, KeyType keyType) {
		Instant now = Instant.now();
		return issueLeaf(commonName, keyType, now.minus(Duration.ofHours(1)), now.plus(DEFAULT_LEAF_VALIDITY));
	}

	/**
	 * Issues a new leaf from the last intermediate (or the root, without intermediates).
	 * @param commonName the subject's CN
	 * @param keyType the key type
	 * @param notBefore start of validity
	 * @param notAfter end of validity
	 * @return the new leaf and its key
	 */
	public CertificateAndKey issueLeaf(String commonName, KeyType keyType, Instant notBefore, Instant notAfter) {
		requireText(commonName, "commonName");
		Objects.requireNonNull(keyType, "'keyType' must not be null");
		requireOrder(notBefore, notAfter);
		return CertificateIssuer.issue(leafIssuer(), leafName(commonName), keyType, Profile.CLIENT, notBefore,
				notAfter);
	}

	/**
	 * Writes the client material as files: {@code chain.pem}, {@code private-key.pem},
	 * {@code root-ca.pem}, {@code server-ca.pem} and {@code keystore.p12}.
	 * @param directory the directory, created if missing
	 * @return the paths written
	 */
	public TestPkiFiles writeTo(Path directory) {
		return TestPkiWriter.write(this, directory);
	}

	@Override
	public String toString() {
		return "TestPki[leaf=" + this.leaf.subject() + ", root=" + this.root.subject() + ", intermediates="
				+ this.intermediates.size() + "]";
	}

	private CertificateAndKey leafIssuer() {
		return this.intermediates.isEmpty() ? this.root : this.intermediates.get(this.intermediates.size() - 1);
	}

	private X500Principal caName(String role) {
		return CertificateIssuer.name("Checkout mTLS Test " + role + " " + this.suffix, null);
	}

	private X500Principal leafName(String commonName) {
		return CertificateIssuer.name(commonName, this.suffix);
	}

	private static Instant orDefault(Instant value, Instant fallback) {
		return (value != null) ? value : fallback;
	}

	private static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("'" + name + "' must not be empty");
		}
	}

	private static void requireOrder(Instant notBefore, Instant notAfter) {
		Objects.requireNonNull(notBefore, "'notBefore' must not be null");
		Objects.requireNonNull(notAfter, "'notAfter' must not be null");
		if (!notAfter.isAfter(notBefore)) {
			throw new IllegalArgumentException(
					"'notAfter' (" + notAfter + ") must be after 'notBefore' (" + notBefore + ")");
		}
	}

	/**
	 * Builds a {@link TestPki}. Unset validities are computed when {@link #build()} runs.
	 */
	public static final class Builder {

		private String commonName = DEFAULT_COMMON_NAME;

		private KeyType keyType = KeyType.EC_P256;

		private KeyType caKeyType = KeyType.EC_P256;

		private int intermediates = 1;

		private Instant leafNotBefore;

		private Instant leafNotAfter;

		private Instant intermediateNotBefore;

		private Instant intermediateNotAfter;

		private Builder() {
		}

		/**
		 * Sets the CN of the leaf's subject, the value registered with Checkout.
		 * @param commonName the common name
		 * @return this builder
		 */
		public Builder commonName(String commonName) {
			requireText(commonName, "commonName");
			this.commonName = commonName;
			return this;
		}

		/**
		 * Sets the leaf's key type.
		 * @param keyType the key type
		 * @return this builder
		 */
		public Builder keyType(KeyType keyType) {
			this.keyType = Objects.requireNonNull(keyType, "'keyType' must not be null");
			return this;
		}

		/**
		 * Sets the key type of the root and intermediate CAs, {@link KeyType#EC_P256}
		 * unless set.
		 * @param caKeyType the key type
		 * @return this builder
		 */
		public Builder caKeyType(KeyType caKeyType) {
			this.caKeyType = Objects.requireNonNull(caKeyType, "'caKeyType' must not be null");
			return this;
		}

		/**
		 * Sets how many intermediate CAs sit between the root and the leaf.
		 * @param intermediates from 0 to 3
		 * @return this builder
		 */
		public Builder intermediates(int intermediates) {
			if (intermediates < 0 || intermediates > 3) {
				throw new IllegalArgumentException("'intermediates' must be between 0 and 3, was " + intermediates);
			}
			this.intermediates = intermediates;
			return this;
		}

		/**
		 * Sets the leaf's validity, for example in the past to test an expired
		 * certificate.
		 * @param notBefore start of validity
		 * @param notAfter end of validity
		 * @return this builder
		 */
		public Builder leafValidity(Instant notBefore, Instant notAfter) {
			requireOrder(notBefore, notAfter);
			this.leafNotBefore = notBefore;
			this.leafNotAfter = notAfter;
			return this;
		}

		/**
		 * Sets every intermediate's validity, for example in the past to test an expired
		 * intermediate.
		 * @param notBefore start of validity
		 * @param notAfter end of validity
		 * @return this builder
		 */
		public Builder intermediateValidity(Instant notBefore, Instant notAfter) {
			requireOrder(notBefore, notAfter);
			this.intermediateNotBefore = notBefore;
			this.intermediateNotAfter = notAfter;
			return this;
		}

		/**
		 * Generates the keys and certificates.
		 * @return the PKI
		 */
		public TestPki build() {
			return new TestPki(this);
		}

	}

}
