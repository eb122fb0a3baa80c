package io.github.checkoutmtls.identity;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Picks the client's key entry out of a loaded key store, shared by the key store and SSL
 * bundle loaders.
 *
 * @param property the property naming the store (its location, or the SSL bundle)
 * @param value the property's value
 * @param aliasProperty the property that selects the entry
 * @param passwordProperty the property holding the key entry's password
 */
record KeyStoreEntryReader(String property, String value, String aliasProperty, String passwordProperty) {

	/**
	 * Reads the selected key entry and its chain as stored.
	 * @param store the loaded key store
	 * @param alias the alias to use, or {@code null} for the single key entry
	 * @param password the key entry's password; when {@code null} no password and an
	 * empty one are tried
	 * @return the entry
	 */
	Entry read(KeyStore store, @Nullable String alias, char @Nullable [] password) {
		try {
			String selected = selectAlias(store, alias);
			PrivateKey privateKey = toJdkKey(recoverKey(store, selected, password));
			return new Entry(chain(store, selected), privateKey);
		}
		catch (KeyStoreException ex) {
			throw KeyStoreFormatException.unusable(this.property, this.value, ex);
		}
	}

	private String selectAlias(KeyStore store, @Nullable String alias) throws KeyStoreException {
		List<String> aliases = Collections.list(store.aliases());
		if (alias != null && !alias.isEmpty()) {
			if (!store.containsAlias(alias)) {
				throw KeyStoreEntryNotFoundException.aliasNotFound(this.aliasProperty, alias, describe(aliases));
			}
			if (!store.isKeyEntry(alias)) {
				throw PrivateKeyNotFoundException.notKeyEntry(this.aliasProperty, alias);
			}
			return alias;
		}
		List<String> keyAliases = new ArrayList<>();
		for (String candidate : aliases) {
			if (store.isKeyEntry(candidate)) {
				keyAliases.add(candidate);
			}
		}
		if (keyAliases.isEmpty()) {
			throw KeyStoreEntryNotFoundException.noKeyEntry(this.property, this.value, describe(aliases));
		}
		if (keyAliases.size() > 1) {
			throw KeyStoreEntryNotFoundException.severalKeyEntries(this.aliasProperty, describe(keyAliases));
		}
		return keyAliases.get(0);
	}

	private PrivateKey recoverKey(KeyStore store, String alias, char @Nullable [] password) throws KeyStoreException {
		Key key = getKey(store, alias, password);
		if (key == null && password == null) {
			key = getKey(store, alias, new char[0]);
		}
		if (!(key instanceof PrivateKey privateKey)) {
			throw PrivateKeyNotFoundException.notKeyEntry(this.aliasProperty, alias);
		}
		return privateKey;
	}

	// Returns null when no password was given and the entry needs one, so the caller can
	// try an empty one
	private @Nullable Key getKey(KeyStore store, String alias, char @Nullable [] password) throws KeyStoreException {
		try {
			return store.getKey(alias, password);
		}
		catch (UnrecoverableKeyException ex) {
			if (password == null) {
				return null;
			}
			throw PrivateKeyPasswordException.wrongOrMissing(this.passwordProperty, this.value, ex);
		}
		catch (GeneralSecurityException ex) {
			throw KeyStoreFormatException.unusable(this.property, this.value, ex);
		}
		catch (RuntimeException ex) {
			// Some stores fail on a null password with an unchecked exception rather than
			// a checked one
			if (password == null) {
				return null;
			}
			throw ex;
		}
	}

	private List<X509Certificate> chain(KeyStore store, String alias) throws KeyStoreException {
		Certificate[] chain = store.getCertificateChain(alias);
		List<X509Certificate> certificates = new ArrayList<>();
		for (Certificate certificate : (chain != null) ? chain : new Certificate[0]) {
			if (certificate instanceof X509Certificate x509) {
				certificates.add(x509);
			}
		}
		if (certificates.isEmpty()) {
			throw CertificateNotFoundException.noChain(this.property, this.value, alias);
		}
		return certificates;
	}

	// A store from another provider (an SSL bundle may use one) can hold keys SunJSSE
	// cannot sign with
	private PrivateKey toJdkKey(PrivateKey key) {
		byte[] encoded = key.getEncoded();
		if (encoded == null) {
			return key;
		}
		try {
			return KeyFactory.getInstance(key.getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(encoded));
		}
		catch (GeneralSecurityException ex) {
			throw PrivateKeyNotFoundException.unsupportedAlgorithm(this.property, this.value, key.getAlgorithm(), ex);
		}
	}

	private static String describe(List<String> aliases) {
		return aliases.isEmpty() ? "none" : String.join(", ", aliases);
	}

	/**
	 * A key entry as stored.
	 *
	 * @param chain the entry's certificate chain
	 * @param privateKey the entry's key, as a JDK key object
	 */
	record Entry(List<X509Certificate> chain, PrivateKey privateKey) {

	}

}
