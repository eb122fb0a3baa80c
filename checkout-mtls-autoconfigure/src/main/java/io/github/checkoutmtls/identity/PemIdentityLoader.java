package io.github.checkoutmtls.identity;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ResourceLoader;
import org.springframework.util.Assert;

/**
 * Loads the client identity from PEM files ({@code checkout.mtls.pem.certificate} and
 * {@code checkout.mtls.pem.private-key}), accepting what curl and openssl accept:
 * certificates in any order with text around them, CRLF line endings, certificate and key
 * in one file, and keys in PKCS#8 (plain or encrypted), PKCS#1 or SEC1 form, plain or
 * with legacy openssl encryption.
 */
final class PemIdentityLoader implements ClientIdentityLoader {

	private final ResourceLoader resourceLoader;

	private final String certificate;

	private final String privateKey;

	private final @Nullable String privateKeyPassword;

	/**
	 * Creates a new instance.
	 * @param resourceLoader the loader for prefixed locations ({@code file:},
	 * {@code classpath:})
	 * @param certificate the location of the certificate chain; a plain path is a file
	 * system path
	 * @param privateKey the location of the private key, possibly the same file as the
	 * chain
	 * @param privateKeyPassword the password of an encrypted key, or {@code null}
	 */
	PemIdentityLoader(ResourceLoader resourceLoader, String certificate, String privateKey,
			@Nullable String privateKeyPassword) {
		Assert.notNull(resourceLoader, "'resourceLoader' must not be null");
		Assert.hasText(certificate, "'certificate' must not be empty");
		Assert.hasText(privateKey, "'privateKey' must not be empty");
		this.resourceLoader = resourceLoader;
		this.certificate = certificate;
		this.privateKey = privateKey;
		this.privateKeyPassword = privateKeyPassword;
	}

	@Override
	public ClientIdentity load() {
		PemContent certificateContent = read(IdentityPropertyNames.CERTIFICATE, this.certificate);
		List<X509Certificate> certificates = certificateContent.requireCertificates(IdentityPropertyNames.CERTIFICATE,
				this.certificate);
		// One read when both properties name the same file, so both halves come from the
		// same version
		PemContent keyContent = this.privateKey.equals(this.certificate) ? certificateContent
				: read(IdentityPropertyNames.PRIVATE_KEY, this.privateKey);
		KeyMaterialResource.warnIfShared(this.resourceLoader, IdentityPropertyNames.PRIVATE_KEY, this.privateKey);
		Object keyObject = keyContent.requirePrivateKey(IdentityPropertyNames.PRIVATE_KEY, this.privateKey);
		PrivateKey key = (keyObject instanceof PrivateKey decoded) ? decoded : PemPrivateKeyDecoder.decode(keyObject,
				this.privateKeyPassword, IdentityPropertyNames.PRIVATE_KEY, this.privateKey);
		List<X509Certificate> chain = CertificateChainOrderer.order(certificates, key,
				IdentityPropertyNames.PRIVATE_KEY, this.privateKey);
		return ClientIdentity.of(chain, key, IdentityPropertyNames.CERTIFICATE + "=" + this.certificate);
	}

	private PemContent read(String property, String location) {
		return PemContent.parse(KeyMaterialResource.read(this.resourceLoader, property, location));
	}

}
