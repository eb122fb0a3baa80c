package io.github.checkoutmtls.doctor;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.checkoutmtls.identity.ClientIdentity;

/**
 * The root certificate(s) to send to Checkout, and where they were found: in the chain,
 * in a file the user gave, or nowhere in the material.
 *
 * @param status where the roots were found
 * @param certificates the roots, empty when none was found
 * @param message what was found, in one sentence
 * @param file where the roots were written as PEM, or {@code null}
 */
public record RootCertificates(Status status, List<X509Certificate> certificates, String message, @Nullable Path file) {

	private static final Base64.Encoder PEM_ENCODER = Base64.getMimeEncoder(64, new byte[] { '\n' });

	/**
	 * Creates a new instance, copying the certificates.
	 */
	public RootCertificates {
		certificates = List.copyOf(certificates);
	}

	/**
	 * Finds the roots of a chain: the given ones that signed its top, else its top when
	 * self-signed.
	 * @param chain the chain, leaf first
	 * @param given roots the user pointed at, possibly empty
	 * @return the roots
	 */
	public static RootCertificates of(List<X509Certificate> chain, List<X509Certificate> given) {
		X509Certificate top = chain.get(chain.size() - 1);
		if (!given.isEmpty()) {
			return ofGiven(top, given);
		}
		if (ClientIdentity.isSelfSigned(top)) {
			return new RootCertificates(Status.IN_CHAIN, List.of(top),
					"The chain ends with its root '" + subject(top) + "'.", null);
		}
		return new RootCertificates(Status.NOT_FOUND, List.of(),
				"The root could not be found in the material:" + " the last certificate '" + subject(top)
						+ "' is issued by '" + issuer(top) + "'. Take the root" + " certificate '" + issuer(top)
						+ "' from your CA, or point --root at it.",
				null);
	}

	private static RootCertificates ofGiven(X509Certificate top, List<X509Certificate> given) {
		List<X509Certificate> signers = given.stream().filter((root) -> signedTop(top, root)).toList();
		if (signers.isEmpty()) {
			return new RootCertificates(Status.NOT_THE_ISSUER, List.of(),
					"No certificate of --root (" + given.stream().map(RootCertificates::subject).toList()
							+ ") signed the top of the chain '" + subject(top) + "', issued by '" + issuer(top)
							+ "'. Take the root certificate '" + issuer(top) + "' from your CA.",
					null);
		}
		return new RootCertificates(Status.GIVEN, signers,
				"The given root '" + subject(signers.get(0)) + "' signed the top of the chain '" + subject(top) + "'.",
				null);
	}

	private static boolean signedTop(X509Certificate top, X509Certificate root) {
		if (top.equals(root)) {
			return true;
		}
		return top.getIssuerX500Principal().equals(root.getSubjectX500Principal())
				&& ClientIdentity.isSignedBy(top, root);
	}

	/**
	 * Returns these roots, written to a file.
	 * @param file where they were written
	 * @return a copy naming the file
	 */
	public RootCertificates writtenTo(Path file) {
		return new RootCertificates(this.status, this.certificates, this.message, file);
	}

	/**
	 * Whether the roots do not contradict the chain: a given root that did not sign it
	 * fails.
	 * @return whether this part of the report passed
	 */
	public boolean passed() {
		return this.status != Status.NOT_THE_ISSUER;
	}

	private static String subject(X509Certificate certificate) {
		return certificate.getSubjectX500Principal().getName();
	}

	private static String issuer(X509Certificate certificate) {
		return certificate.getIssuerX500Principal().getName();
	}

	/**
	 * Where the roots were found.
	 */
	public enum Status {

		/**
		 * The chain ends with a self-signed root.
		 */
		IN_CHAIN,

		/**
		 * The user gave the root, and it signed the top of the chain.
		 */
		GIVEN,

		/**
		 * The user gave a root that did not sign the top of the chain.
		 */
		NOT_THE_ISSUER,

		/**
		 * The material does not hold the root; it must come from the CA.
		 */
		NOT_FOUND

	}

	/**
	 * Encodes certificates as concatenated PEM blocks, the form Checkout takes roots in
	 * and the doctor writes them.
	 * @param certificates the certificates
	 * @return the PEM text
	 */
	public static String pem(List<X509Certificate> certificates) {
		StringBuilder pem = new StringBuilder();
		for (X509Certificate certificate : certificates) {
			pem.append("-----BEGIN CERTIFICATE-----\n")
				.append(PEM_ENCODER.encodeToString(der(certificate)))
				.append("\n-----END CERTIFICATE-----\n");
		}
		return pem.toString();
	}

	private static byte[] der(X509Certificate certificate) {
		try {
			return certificate.getEncoded();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot encode " + certificate.getSubjectX500Principal(), ex);
		}
	}

}
