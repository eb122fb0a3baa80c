package io.github.checkoutmtls.identity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ResourceLoader;
import org.springframework.util.Assert;

/**
 * Loads the client identity from a PKCS#12 or JKS key store
 * ({@code checkout.mtls.keystore.location}). The key entry's password is the store's
 * password, as with {@code openssl pkcs12 -export} and {@code keytool}.
 */
final class KeyStoreIdentityLoader implements ClientIdentityLoader {

	private static final String DEFAULT_TYPE = "PKCS12";

	private static final List<String> TYPES = List.of("PKCS12", "JKS");

	private final ResourceLoader resourceLoader;

	private final String location;

	private final @Nullable String type;

	private final @Nullable String password;

	private final @Nullable String alias;

	/**
	 * Creates a new instance.
	 * @param resourceLoader the loader for prefixed locations ({@code file:},
	 * {@code classpath:})
	 * @param location the key store's location; a plain path is a file system path
	 * @param type the store type, {@code PKCS12} (when {@code null}) or {@code JKS}, in
	 * any case
	 * @param password the password of the store and of its key entry, or {@code null}
	 * @param alias the alias of the key entry, or {@code null} to use the only key entry
	 */
	KeyStoreIdentityLoader(ResourceLoader resourceLoader, String location, @Nullable String type,
			@Nullable String password, @Nullable String alias) {
		Assert.notNull(resourceLoader, "'resourceLoader' must not be null");
		Assert.hasText(location, "'location' must not be empty");
		this.resourceLoader = resourceLoader;
		this.location = location;
		this.type = type;
		this.password = password;
		this.alias = alias;
	}

	@Override
	public ClientIdentity load() {
		String storeType = storeType();
		byte[] content = KeyMaterialResource.read(this.resourceLoader, IdentityPropertyNames.LOCATION, this.location);
		KeyMaterialResource.warnIfShared(this.resourceLoader, IdentityPropertyNames.LOCATION, this.location);
		KeyStore store = loadStore(content, storeType);
		KeyStoreEntryReader reader = new KeyStoreEntryReader(IdentityPropertyNames.LOCATION, this.location,
				IdentityPropertyNames.ALIAS, IdentityPropertyNames.PASSWORD);
		KeyStoreEntryReader.Entry entry = reader.read(store, this.alias, passwordChars());
		List<X509Certificate> chain = CertificateChainOrderer.order(entry.chain(), entry.privateKey(),
				IdentityPropertyNames.LOCATION, this.location);
		return ClientIdentity.of(chain, entry.privateKey(), IdentityPropertyNames.LOCATION + "=" + this.location);
	}

	private String storeType() {
		String storeType = (this.type != null && !this.type.isBlank()) ? this.type.trim().toUpperCase(Locale.ROOT)
				: DEFAULT_TYPE;
		if (!TYPES.contains(storeType)) {
			throw KeyStoreFormatException.unsupportedType(IdentityPropertyNames.TYPE, this.type);
		}
		return storeType;
	}

	private KeyStore loadStore(byte[] content, String storeType) {
		try {
			KeyStore store = KeyStore.getInstance(storeType);
			// An empty password rather than none: the JDK then checks the store's
			// integrity and reports a missing password as an incorrect one instead of
			// silently skipping entries
			char[] storePassword = (this.password != null) ? this.password.toCharArray() : new char[0];
			store.load(new ByteArrayInputStream(content), storePassword);
			return store;
		}
		catch (IOException ex) {
			if (ex.getCause() instanceof UnrecoverableKeyException) {
				throw PrivateKeyPasswordException.wrongOrMissing(IdentityPropertyNames.PASSWORD, this.location, ex);
			}
			throw notAKeyStore(content, storeType, ex);
		}
		catch (KeyStoreException ex) {
			throw KeyStoreFormatException.unusable(IdentityPropertyNames.TYPE, storeType, ex);
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			throw notAKeyStore(content, storeType, ex);
		}
	}

	private KeyStoreFormatException notAKeyStore(byte[] content, String storeType, Exception cause) {
		boolean pem = new String(content, StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
		return KeyStoreFormatException.notAKeyStore(IdentityPropertyNames.LOCATION, this.location, storeType, pem,
				cause);
	}

	private char @Nullable [] passwordChars() {
		return (this.password != null) ? this.password.toCharArray() : null;
	}

}
