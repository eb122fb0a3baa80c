package io.github.checkoutmtls.identity;

import java.security.Provider;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * Reflection hints for the one thing the starter's own code loads reflectively: the
 * BouncyCastle provider that decrypts encrypted PEM private keys, which is used
 * unregistered and loads its algorithm classes by name. Only the ciphers, key derivation
 * and parameters that PKCS#8 (PBES2) and legacy openssl key encryption use are
 * registered, named as the provider names them at build time.
 */
class KeyMaterialRuntimeHints implements RuntimeHintsRegistrar {

	// Service type and algorithm, as JceOpenSSLPKCS8DecryptorProviderBuilder and
	// JcePEMDecryptorProviderBuilder ask.
	private static final List<String[]> SERVICES = List.of(new String[] { "Cipher", "AES" },
			new String[] { "Cipher", "DESEDE" }, new String[] { "Cipher", "DES" },
			new String[] { "SecretKeyFactory", "PBKDF2WITHHMACSHA1" },
			new String[] { "SecretKeyFactory", "PBKDF2WITHHMACSHA256" }, new String[] { "AlgorithmParameters", "AES" },
			new String[] { "AlgorithmParameters", "DESEDE" }, new String[] { "AlgorithmParameters", "PBKDF2" });

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent("org.bouncycastle.jce.provider.BouncyCastleProvider", classLoader)) {
			return;
		}
		Provider provider = PemPrivateKeyDecoder.BouncyCastle.PROVIDER;
		for (String[] service : SERVICES) {
			Provider.Service found = provider.getService(service[0], service[1]);
			if (found != null) {
				register(hints, found.getClassName(), classLoader);
				// The provider loads each algorithm family through its Mappings class, by
				// name.
				register(hints, mappings(found.getClassName()), classLoader);
			}
		}
	}

	private static void register(RuntimeHints hints, String className, @Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent(className, classLoader)) {
			hints.reflection().registerType(TypeReference.of(className), MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		}
	}

	private static String mappings(String serviceClassName) {
		int nested = serviceClassName.indexOf('$');
		String family = (nested > 0) ? serviceClassName.substring(0, nested) : serviceClassName;
		return family + "$Mappings";
	}

}
