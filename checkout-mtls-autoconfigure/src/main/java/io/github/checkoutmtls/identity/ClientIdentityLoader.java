package io.github.checkoutmtls.identity;

/**
 * Loads the client identity from one source of key material (PEM files, a PKCS#12 or JKS
 * key store, or a Spring Boot SSL bundle). Loading reads and parses the material every
 * time it is called, so a reload after rotation sees the new files.
 *
 * <p>
 * Problems a user can fix are thrown as subtypes of
 * {@link io.github.checkoutmtls.CheckoutMtlsConfigurationException} naming the property
 * to change; nothing else ever sees a {@link java.security.GeneralSecurityException}.
 */
@FunctionalInterface
public interface ClientIdentityLoader {

	/**
	 * Loads, parses and orders the key material.
	 * @return the identity, chain ordered leaf first
	 */
	ClientIdentity load();

}
