package io.github.checkoutmtls.identity;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Orders certificates the way a TLS client must present them, whatever their order in the
 * source: the leaf (the certificate of the private key) first, then each certificate's
 * issuer.
 *
 * <p>
 * Certificates that cannot be linked to the leaf are kept, after the linked path in their
 * original order, so that a later check can report an incomplete chain with them in view.
 */
final class CertificateChainOrderer {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String property;

	private final String value;

	private CertificateChainOrderer(String property, String value) {
		this.property = property;
		this.value = value;
	}

	/**
	 * Orders certificates leaf first.
	 * @param certificates the certificates in source order
	 * @param privateKey the leaf's private key
	 * @param property the property to blame when the key matches no certificate
	 * @param value the property's value
	 * @return the ordered chain: leaf, its issuers, then unlinked certificates
	 */
	static List<X509Certificate> order(List<X509Certificate> certificates, PrivateKey privateKey, String property,
			String value) {
		return new CertificateChainOrderer(property, value).order(certificates, privateKey);
	}

	private List<X509Certificate> order(List<X509Certificate> certificates, PrivateKey privateKey) {
		// Exact duplicates would otherwise be presented twice
		List<X509Certificate> remaining = new ArrayList<>(new LinkedHashSet<>(certificates));
		X509Certificate current = findLeaf(remaining, privateKey);
		List<X509Certificate> ordered = new ArrayList<>();
		while (current != null) {
			ordered.add(current);
			remaining.remove(current);
			current = isSelfIssued(current) ? null : findIssuer(current, remaining);
		}
		ordered.addAll(remaining);
		return ordered;
	}

	private X509Certificate findLeaf(List<X509Certificate> certificates, PrivateKey privateKey) {
		String algorithm = signatureAlgorithm(privateKey);
		byte[] nonce = new byte[32];
		RANDOM.nextBytes(nonce);
		byte[] signature = sign(privateKey, algorithm, nonce);
		for (X509Certificate certificate : certificates) {
			if (verifies(certificate, algorithm, nonce, signature)) {
				return certificate;
			}
		}
		String subjects = certificates.stream()
			.map((certificate) -> certificate.getSubjectX500Principal().getName())
			.collect(Collectors.joining("; "));
		throw PrivateKeyMismatchException.noCertificateForKey(this.property, this.value, subjects);
	}

	private String signatureAlgorithm(PrivateKey privateKey) {
		return switch (privateKey.getAlgorithm()) {
			case "RSA" -> "SHA256withRSA";
			case "EC" -> "SHA256withECDSA";
			default -> throw PrivateKeyNotFoundException.unsupportedAlgorithm(this.property, this.value,
					privateKey.getAlgorithm(), null);
		};
	}

	// Signing with the key and verifying with each certificate works alike for RSA and
	// EC, and proves that the JDK, which signs the handshake, can use the key
	private byte[] sign(PrivateKey privateKey, String algorithm, byte[] nonce) {
		try {
			Signature signature = Signature.getInstance(algorithm);
			signature.initSign(privateKey);
			signature.update(nonce);
			return signature.sign();
		}
		catch (GeneralSecurityException ex) {
			throw PrivateKeyNotFoundException.unsupportedAlgorithm(this.property, this.value, privateKey.getAlgorithm(),
					ex);
		}
	}

	private static boolean verifies(X509Certificate certificate, String algorithm, byte[] nonce, byte[] signature) {
		try {
			Signature verifier = Signature.getInstance(algorithm);
			verifier.initVerify(certificate.getPublicKey());
			verifier.update(nonce);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			// A certificate for another key type or curve
			return false;
		}
	}

	private static X509Certificate findIssuer(X509Certificate certificate, List<X509Certificate> candidates) {
		List<X509Certificate> named = candidates.stream()
			.filter((candidate) -> candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()))
			.toList();
		// One candidate with the issuer's name is taken as it is: whether it really
		// signed the certificate is the chain check's to report (a signature check here
		// would only repeat it, and verifying a signature is a noticeable part of a
		// start).
		if (named.size() == 1) {
			return named.get(0);
		}
		// Several candidates with the issuer's name (a renewed or cross-signed CA): take
		// the one that signed it
		return named.stream()
			.filter((candidate) -> isSignedBy(certificate, candidate))
			.findFirst()
			.orElse(named.isEmpty() ? null : named.get(0));
	}

	private static boolean isSignedBy(X509Certificate certificate, X509Certificate issuer) {
		try {
			certificate.verify(issuer.getPublicKey());
			return true;
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	private static boolean isSelfIssued(X509Certificate certificate) {
		return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
	}

}
