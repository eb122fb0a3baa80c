package io.github.checkoutmtls.test.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/**
 * Key algorithms the test PKI can generate. Keys come from the JDK's own
 * {@link KeyPairGenerator} so that they are usable by SunJSSE without any other provider.
 */
public enum KeyType {

	/**
	 * RSA with a 2048-bit modulus, signing with SHA256withRSA.
	 */
	RSA_2048("RSA", 2048, null, "SHA256withRSA"),

	/**
	 * RSA with a 3072-bit modulus, signing with SHA256withRSA.
	 */
	RSA_3072("RSA", 3072, null, "SHA256withRSA"),

	/**
	 * RSA with a 4096-bit modulus, signing with SHA256withRSA. Slow to generate.
	 */
	RSA_4096("RSA", 4096, null, "SHA256withRSA"),

	/**
	 * EC on NIST P-256, signing with SHA256withECDSA. Fast to generate.
	 */
	EC_P256("EC", 0, "secp256r1", "SHA256withECDSA"),

	/**
	 * EC on NIST P-384, signing with SHA384withECDSA.
	 */
	EC_P384("EC", 0, "secp384r1", "SHA384withECDSA");

	private final String algorithm;

	private final int keySize;

	private final String curve;

	private final String signatureAlgorithm;

	KeyType(String algorithm, int keySize, String curve, String signatureAlgorithm) {
		this.algorithm = algorithm;
		this.keySize = keySize;
		this.curve = curve;
		this.signatureAlgorithm = signatureAlgorithm;
	}

	/**
	 * Returns the JCA key algorithm, {@code RSA} or {@code EC}.
	 * @return the key algorithm
	 */
	public String algorithm() {
		return this.algorithm;
	}

	/**
	 * Returns the JCA signature algorithm a key of this type signs certificates with.
	 * @return the signature algorithm
	 */
	public String signatureAlgorithm() {
		return this.signatureAlgorithm;
	}

	/**
	 * Returns whether keys of this type are RSA keys.
	 * @return {@code true} for RSA
	 */
	public boolean isRsa() {
		return "RSA".equals(this.algorithm);
	}

	/**
	 * Generates a new key pair of this type.
	 * @return the key pair
	 * @throws TestPkiException if the JDK cannot generate the key
	 */
	public KeyPair generateKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance(this.algorithm);
			if (this.curve != null) {
				generator.initialize(new ECGenParameterSpec(this.curve));
			}
			else {
				generator.initialize(this.keySize);
			}
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new TestPkiException("Cannot generate " + name() + " key pair", ex);
		}
	}

}
