package io.github.checkoutmtls.identity;

import java.io.IOException;
import java.security.PrivateKey;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.jspecify.annotations.Nullable;

/**
 * Turns a parsed PEM key (PKCS#8, encrypted PKCS#8, PKCS#1, SEC1, legacy-encrypted PKCS#1
 * or SEC1) into a JDK {@link PrivateKey}.
 *
 * <p>
 * Decryption uses a private BouncyCastle provider instance, because the JDK has neither
 * the legacy PBES1 schemes openssl still writes nor openssl's traditional PEM encryption.
 * BouncyCastle is never registered as a provider, and the key itself is built by the
 * JDK's {@code KeyFactory}: SunJSSE signs the handshake with it and cannot use a
 * BouncyCastle key object.
 */
final class PemPrivateKeyDecoder {

	private final String property;

	private final String location;

	private PemPrivateKeyDecoder(String property, String location) {
		this.property = property;
		this.location = location;
	}

	/**
	 * Decodes a key object from {@link PemContent#requirePrivateKey(String, String)}.
	 * @param keyObject the parsed key
	 * @param password the password of an encrypted key, or {@code null}
	 * @param property the property naming the key file
	 * @param location the key file's location
	 * @return the JDK private key
	 */
	static PrivateKey decode(Object keyObject, @Nullable String password, String property, String location) {
		return new PemPrivateKeyDecoder(property, location).decode(keyObject, password);
	}

	private PrivateKey decode(Object keyObject, @Nullable String password) {
		if (keyObject instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
			return toJdkKey(decrypt(encrypted, requirePassword(password)));
		}
		if (keyObject instanceof PEMEncryptedKeyPair encrypted) {
			return toJdkKey(decrypt(encrypted, requirePassword(password)).getPrivateKeyInfo());
		}
		if (keyObject instanceof PEMKeyPair keyPair) {
			return toJdkKey(keyPair.getPrivateKeyInfo());
		}
		return toJdkKey((PrivateKeyInfo) keyObject);
	}

	private char[] requirePassword(@Nullable String password) {
		if (password == null || password.isEmpty()) {
			throw PrivateKeyPasswordException.missing(IdentityPropertyNames.PRIVATE_KEY_PASSWORD, this.location);
		}
		return password.toCharArray();
	}

	private PrivateKeyInfo decrypt(PKCS8EncryptedPrivateKeyInfo encrypted, char[] password) {
		try {
			return encrypted.decryptPrivateKeyInfo(
					new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build(password));
		}
		catch (OperatorCreationException ex) {
			throw PrivateKeyNotFoundException.corrupt(this.property, this.location, ex);
		}
		catch (PKCSException ex) {
			// Bad padding and garbage after decryption both mean the password did not fit
			throw wrongPassword(ex);
		}
	}

	private PEMKeyPair decrypt(PEMEncryptedKeyPair encrypted, char[] password) {
		try {
			return encrypted.decryptKeyPair(
					new JcePEMDecryptorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build(password));
		}
		catch (IOException | RuntimeException ex) {
			throw wrongPassword(ex);
		}
	}

	private PrivateKeyPasswordException wrongPassword(Exception cause) {
		return PrivateKeyPasswordException.wrongOrMissing(IdentityPropertyNames.PRIVATE_KEY_PASSWORD, this.location,
				cause);
	}

	private PrivateKey toJdkKey(PrivateKeyInfo keyInfo) {
		String algorithm = keyInfo.getPrivateKeyAlgorithm().getAlgorithm().getId();
		try {
			// No provider set: the converter asks the JDK's KeyFactory for the key object
			return new JcaPEMKeyConverter().getPrivateKey(keyInfo);
		}
		catch (PEMException ex) {
			throw PrivateKeyNotFoundException.unsupportedAlgorithm(this.property, this.location, algorithm, ex);
		}
	}

	/**
	 * Holds the provider instance, created on first use of an encrypted key only.
	 */
	static final class BouncyCastle {

		static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

	}

}
