package io.github.checkoutmtls.identity;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Checks that the leaf may authenticate a TLS client. Not documented by Checkout: these
 * are X.509 rules (RFC 5280 4.2.1.3 and 4.2.1.12) that a TLS server enforces when it
 * validates the client's chain, and the JDK's key manager skips a certificate that breaks
 * them, so the client would send none at all.
 */
final class CertificateUsageCheck {

	private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

	private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

	private static final int DIGITAL_SIGNATURE = 0;

	private CertificateUsageCheck() {
	}

	static Finding run(ClientIdentity identity) {
		X509Certificate leaf = identity.leaf();
		List<String> extendedKeyUsage = extendedKeyUsage(leaf);
		if (extendedKeyUsage != null && !extendedKeyUsage.contains(CLIENT_AUTH)
				&& !extendedKeyUsage.contains(ANY_EXTENDED_KEY_USAGE)) {
			return fail(identity, "The leaf's extended key usage " + extendedKeyUsage + " excludes TLS client"
					+ " authentication (clientAuth, " + CLIENT_AUTH + ")");
		}
		boolean[] keyUsage = leaf.getKeyUsage();
		if (keyUsage != null && (keyUsage.length <= DIGITAL_SIGNATURE || !keyUsage[DIGITAL_SIGNATURE])) {
			return fail(identity, "The leaf's key usage excludes digitalSignature, which a TLS client needs to sign"
					+ " the handshake");
		}
		return Finding.pass("usage", "Leaf may authenticate a TLS client.");
	}

	private static Finding fail(ClientIdentity identity, String problem) {
		return Finding.fail("usage", new CertificateUsageException(problem, identity.sourceProperty(),
				identity.sourceLocation(),
				"Have your CA issue the client certificate with extendedKeyUsage=clientAuth"
						+ " (or no extended key usage) and keyUsage including digitalSignature, then point the property"
						+ " at the new file."));
	}

	private static List<String> extendedKeyUsage(X509Certificate leaf) {
		try {
			return leaf.getExtendedKeyUsage();
		}
		catch (CertificateParsingException ex) {
			return List.of("unreadable");
		}
	}

}
