package io.github.checkoutmtls.identity;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * Thrown when the client certificate chain does not build to any root of
 * {@code checkout.mtls.registered-roots}: Checkout validates the chain against the roots
 * the merchant registered and resets the connection when it cannot (Checkout.com, "Mutual
 * TLS", April 2026).
 */
final class UnregisteredRootException extends CheckoutMtlsConfigurationException {

	UnregisteredRootException(String problem, String property, @Nullable String value, String action) {
		super(problem, property, value, action, null);
	}

	static UnregisteredRootException leafOnly(ClientIdentity identity, RegisteredRoots roots) {
		return new UnregisteredRootException(
				"The client certificate file holds only the leaf '" + identity.subject() + "', issued by '"
						+ identity.issuer() + "', which is not a registered root (" + subjects(roots.certificates())
						+ ")",
				identity.sourceProperty(), identity.sourceLocation(),
				"Append the intermediate CA certificate '" + identity.issuer() + "' (and any above it) to the file,"
						+ " leaf first: Checkout can build the chain only up to a root it holds.");
	}

	static UnregisteredRootException unregistered(ClientIdentity identity, RegisteredRoots roots) {
		X509Certificate top = identity.chain().get(identity.chain().size() - 1);
		String ending = Signatures.isSelfSigned(top) ? "ends at the root '" + subject(top) + "'"
				: "ends at '" + subject(top) + "', issued by '" + top.getIssuerX500Principal().getName() + "'";
		return new UnregisteredRootException(
				"The client certificate chain " + ending + ", which is not among the roots registered with Checkout ("
						+ subjects(roots.certificates()) + ")",
				IdentityPropertyNames.REGISTERED_ROOTS, roots.location(),
				"Send that root to Checkout, wait for Checkout to confirm it, then add it to the registered roots file;"
						+ " or use a certificate issued under a registered root. If '"
						+ top.getIssuerX500Principal().getName() + "' is an intermediate CA, append it to "
						+ identity.sourceProperty() + " instead.");
	}

	static UnregisteredRootException sameNameOtherKey(ClientIdentity identity, RegisteredRoots roots) {
		X509Certificate top = identity.chain().get(identity.chain().size() - 1);
		String issuer = top.getIssuerX500Principal().getName();
		return new UnregisteredRootException(
				"The registered root '" + issuer + "' did not sign '" + subject(top)
						+ "': the registered roots file holds another CA with the same name",
				IdentityPropertyNames.REGISTERED_ROOTS, roots.location(),
				"Put the root certificate that really issued '" + subject(top) + "' in the registered roots file,"
						+ " and send it to Checkout if it is not registered there yet.");
	}

	private static String subjects(List<X509Certificate> certificates) {
		return certificates.stream()
			.map(UnregisteredRootException::subject)
			.collect(Collectors.joining("', '", "'", "'"));
	}

	private static String subject(X509Certificate certificate) {
		return certificate.getSubjectX500Principal().getName();
	}

}
