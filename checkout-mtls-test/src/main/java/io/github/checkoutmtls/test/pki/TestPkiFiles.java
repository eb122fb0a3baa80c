package io.github.checkoutmtls.test.pki;

import java.nio.file.Path;

/**
 * The files {@link TestPki#writeTo(Path)} wrote.
 *
 * @param chain PEM of the leaf and intermediates, leaf first ({@code chain.pem})
 * @param privateKey PEM of the leaf's unencrypted PKCS#8 key ({@code private-key.pem}),
 * owner-only where the file system supports POSIX permissions
 * @param root PEM of the client root CA ({@code root-ca.pem})
 * @param serverCa PEM of the CA that issued the localhost server certificate
 * ({@code server-ca.pem})
 * @param pkcs12 PKCS#12 key store ({@code keystore.p12}) holding the leaf key and chain
 * under the alias {@value TestPki#PKCS12_ALIAS}
 * @param pkcs12Password password of the PKCS#12 store and of its key entry
 */
public record TestPkiFiles(Path chain, Path privateKey, Path root, Path serverCa, Path pkcs12, String pkcs12Password) {

	@Override
	public String toString() {
		return "TestPkiFiles[chain=" + this.chain + ", privateKey=" + this.privateKey + ", root=" + this.root
				+ ", serverCa=" + this.serverCa + ", pkcs12=" + this.pkcs12 + "]";
	}

}
