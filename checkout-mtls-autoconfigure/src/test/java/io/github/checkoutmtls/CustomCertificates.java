package io.github.checkoutmtls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.github.checkoutmtls.test.pki.CertificateAndKey;

/**
 * Certificates the test PKI deliberately cannot make: weak keys, impostor CAs that share
 * a name with a real one, server certificates for other hosts, and leaves whose usage
 * excludes client authentication.
 */
public final class CustomCertificates {

	private static final SecureRandom RANDOM = new SecureRandom();

	private CustomCertificates() {
	}

	public static KeyPair rsa(int bits) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(bits);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static CertificateAndKey issue(CertificateAndKey issuer, X500Principal subject, KeyPair keys) {
		return sign(issuer.certificate().getSubjectX500Principal(), issuer.privateKey(), subject, keys, null);
	}

	/**
	 * Issues a leaf with the given key usage bits and extended key usages, e.g. one that
	 * cannot authenticate a TLS client.
	 * @param issuer the CA
	 * @param subject the leaf's subject
	 * @param keyUsage BouncyCastle {@link KeyUsage} bits
	 * @param extendedKeyUsages the extended key usages, none for no such extension
	 * @return the leaf
	 */
	public static CertificateAndKey issueWithUsage(CertificateAndKey issuer, X500Principal subject, int keyUsage,
			KeyPurposeId... extendedKeyUsages) {
		return sign(issuer.certificate().getSubjectX500Principal(), issuer.privateKey(), subject, rsa(2048),
				(builder) -> {
					builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
					if (extendedKeyUsages.length > 0) {
						builder.addExtension(Extension.extendedKeyUsage, false,
								new ExtendedKeyUsage(extendedKeyUsages));
					}
				});
	}

	/**
	 * Creates a self-signed CA.
	 * @param commonName the CA's CN
	 * @return the CA
	 */
	public static CertificateAndKey certificateAuthority(String commonName) {
		KeyPair keys = rsa(2048);
		X500Principal name = new X500Principal("CN=" + commonName + ",O=checkout-mtls test");
		return sign(name, keys.getPrivate(), name, keys,
				(builder) -> builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true)));
	}

	/**
	 * Issues a TLS server certificate whose only name is the given DNS name.
	 * @param issuer the CA
	 * @param dnsName the one name the certificate is valid for
	 * @return the server certificate
	 */
	public static CertificateAndKey server(CertificateAndKey issuer, String dnsName) {
		return sign(issuer.certificate().getSubjectX500Principal(), issuer.privateKey(),
				new X500Principal("CN=" + dnsName), rsa(2048),
				(builder) -> builder.addExtension(Extension.subjectAlternativeName, false,
						new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName))));
	}

	private static CertificateAndKey sign(X500Principal issuer, PrivateKey issuerKey, X500Principal subject,
			KeyPair keys, Extensions extensions) {
		try {
			Instant now = Instant.now();
			JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
					BigInteger.valueOf(now.toEpochMilli()).add(BigInteger.valueOf(RANDOM.nextInt(1_000_000))),
					Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), subject,
					keys.getPublic());
			if (extensions != null) {
				extensions.add(builder);
			}
			String algorithm = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
			X509Certificate certificate = new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
			return new CertificateAndKey(certificate, keys.getPrivate());
		}
		catch (GeneralSecurityException | OperatorCreationException | CertIOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@FunctionalInterface
	private interface Extensions {

		void add(JcaX509v3CertificateBuilder builder) throws CertIOException;

	}

}
