package io.github.checkoutmtls.identity;

import java.security.cert.X509Certificate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ResourceLoader;

/**
 * The CA certificates the merchant sent Checkout to store as trusted roots
 * ({@code checkout.mtls.registered-roots}), read once with the same rules as the key
 * material. Checkout validates the presented chain against these (Checkout.com, "Mutual
 * TLS", April 2026).
 */
final class RegisteredRoots {

	private static final RegisteredRoots NONE = new RegisteredRoots(List.of(), null);

	private final List<X509Certificate> certificates;

	private final @Nullable String location;

	private RegisteredRoots(List<X509Certificate> certificates, @Nullable String location) {
		this.certificates = List.copyOf(certificates);
		this.location = location;
	}

	static RegisteredRoots none() {
		return NONE;
	}

	static RegisteredRoots read(ResourceLoader resourceLoader, String location) {
		byte[] content = KeyMaterialResource.read(resourceLoader, IdentityPropertyNames.REGISTERED_ROOTS, location);
		return new RegisteredRoots(
				PemContent.parse(content).requireCertificates(IdentityPropertyNames.REGISTERED_ROOTS, location),
				location);
	}

	boolean isEmpty() {
		return this.certificates.isEmpty();
	}

	List<X509Certificate> certificates() {
		return this.certificates;
	}

	@Nullable String location() {
		return this.location;
	}

	/**
	 * Finds the registered root a chain builds to: the first certificate of the chain
	 * that is registered, else a registered root that signed the top of the chain.
	 * @param chain the chain, leaf first
	 * @return the root, or {@code null} when the chain builds to none of them
	 */
	@Nullable X509Certificate anchorOf(List<X509Certificate> chain) {
		for (X509Certificate certificate : chain) {
			if (this.certificates.contains(certificate)) {
				return certificate;
			}
		}
		X509Certificate top = chain.get(chain.size() - 1);
		return this.certificates.stream().filter((root) -> signed(root, top)).findFirst().orElse(null);
	}

	/**
	 * Returns the registered roots whose subject is the issuer of a certificate, whether
	 * or not they signed it.
	 * @param certificate the certificate
	 * @return the roots with that name
	 */
	List<X509Certificate> namedIssuersOf(X509Certificate certificate) {
		return this.certificates.stream()
			.filter((root) -> root.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()))
			.toList();
	}

	private static boolean signed(X509Certificate root, X509Certificate certificate) {
		return root.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
				&& Signatures.verifies(certificate, root);
	}

}
