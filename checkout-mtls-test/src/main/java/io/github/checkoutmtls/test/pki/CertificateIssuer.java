package io.github.checkoutmtls.test.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues X.509 v3 certificates with BouncyCastle's builders. No provider is registered or
 * named: the signer and the digest for the key identifiers come from the JDK's own
 * providers, and the result is re-parsed by the JDK's {@link CertificateFactory} so that
 * callers only ever see JDK objects.
 */
final class CertificateIssuer {

	private static final SecureRandom RANDOM = new SecureRandom();

	private CertificateIssuer() {
	}

	/**
	 * What a certificate is for, which decides its extensions.
	 */
	enum Profile {

		CA, CLIENT, SERVER

	}

	static X500Principal name(String commonName, String organizationalUnit) {
		X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
		builder.addRDN(BCStyle.O, "checkout-mtls test");
		if (organizationalUnit != null) {
			builder.addRDN(BCStyle.OU, organizationalUnit);
		}
		builder.addRDN(BCStyle.CN, commonName);
		try {
			return new X500Principal(builder.build().getEncoded());
		}
		catch (IOException ex) {
			throw new TestPkiException("Cannot encode name for CN=" + commonName, ex);
		}
	}

	static CertificateAndKey selfSigned(X500Principal subject, KeyType keyType, Profile profile, Instant notBefore,
			Instant notAfter) {
		KeyPair keyPair = keyType.generateKeyPair();
		X509Certificate certificate = issue(subject, keyPair.getPublic(), subject, keyPair.getPrivate(),
				keyPair.getPublic(), profile, notBefore, notAfter);
		return new CertificateAndKey(certificate, keyPair.getPrivate());
	}

	static CertificateAndKey issue(CertificateAndKey issuer, X500Principal subject, KeyType keyType, Profile profile,
			Instant notBefore, Instant notAfter) {
		KeyPair keyPair = keyType.generateKeyPair();
		X509Certificate certificate = issue(subject, keyPair.getPublic(),
				issuer.certificate().getSubjectX500Principal(), issuer.privateKey(),
				issuer.certificate().getPublicKey(), profile, notBefore, notAfter);
		return new CertificateAndKey(certificate, keyPair.getPrivate());
	}

	private static X509Certificate issue(X500Principal subject, PublicKey subjectKey, X500Principal issuer,
			PrivateKey issuerKey, PublicKey issuerPublicKey, Profile profile, Instant notBefore, Instant notAfter) {
		try {
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serialNumber(),
					Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			builder.addExtension(Extension.subjectKeyIdentifier, false,
					extensions.createSubjectKeyIdentifier(subjectKey));
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					extensions.createAuthorityKeyIdentifier(issuerPublicKey));
			addProfileExtensions(builder, profile, subjectKey);
			byte[] der = builder.build(new JcaContentSignerBuilder(signatureAlgorithm(issuerKey)).build(issuerKey))
				.getEncoded();
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(der));
		}
		catch (GeneralSecurityException | IOException | OperatorCreationException ex) {
			throw new TestPkiException("Cannot issue certificate for " + subject.getName(), ex);
		}
	}

	private static void addProfileExtensions(X509v3CertificateBuilder builder, Profile profile, PublicKey subjectKey)
			throws IOException {
		if (profile == Profile.CA) {
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
			return;
		}
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
		// RSA key exchange (TLS 1.2 without ECDHE) encrypts with the leaf key; EC keys
		// never do
		int usage = KeyUsage.digitalSignature | (isRsa(subjectKey) ? KeyUsage.keyEncipherment : 0);
		builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
		KeyPurposeId purpose = (profile == Profile.SERVER) ? KeyPurposeId.id_kp_serverAuth
				: KeyPurposeId.id_kp_clientAuth;
		builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
		if (profile == Profile.SERVER) {
			GeneralNames names = new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
					new GeneralName(GeneralName.iPAddress, "127.0.0.1") });
			builder.addExtension(Extension.subjectAlternativeName, false, names);
		}
	}

	static List<X509Certificate> certificates(List<CertificateAndKey> certificates) {
		return certificates.stream().map(CertificateAndKey::certificate).toList();
	}

	private static String signatureAlgorithm(PrivateKey issuerKey) {
		if (issuerKey instanceof ECKey ecKey) {
			return (ecKey.getParams().getCurve().getField().getFieldSize() > 256) ? "SHA384withECDSA"
					: "SHA256withECDSA";
		}
		return "SHA256withRSA";
	}

	private static boolean isRsa(PublicKey key) {
		return "RSA".equals(key.getAlgorithm());
	}

	private static BigInteger serialNumber() {
		// Positive and non-zero, with 127 bits of entropy as the CA/B forum asks of real
		// CAs
		return new BigInteger(127, RANDOM).setBit(127);
	}

}
