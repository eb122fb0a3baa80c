package io.github.checkoutmtls.connector;

import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.List;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link ConfiguredIdentityKeyManager} with the JDK's TLS provider: real
 * handshakes against a server whose CertificateRequest names a CA unrelated to the
 * client's chain. The OpenSSL provider is covered by
 * {@code ConfiguredIdentityKeyManagerOpenSslTests}, run with netty-tcnative on the
 * classpath.
 */
class ConfiguredIdentityKeyManagerTests {

	private static final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	private static final X509Certificate unrelatedCa = TestPki.builder().build().root().certificate();

	private final ClientIdentity identity = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");

	@ParameterizedTest
	@ValueSource(strings = { "TLSv1.2", "TLSv1.3" })
	void handshakeWhenServerListsOtherCasStillPresentsTheConfiguredLeaf(String protocol) {
		SslContext client = ClientSslContextFactory.create(this.identity, List.of(pki.serverCa()), TlsProvider.JDK);
		try (CaListingMtlsServer server = new CaListingMtlsServer(pki, unrelatedCa, protocol)) {
			assertThat(server.request(client)).isEqualTo(pki.leaf().subject());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "TLSv1.2", "TLSv1.3" })
	void handshakeWithNettysOwnKeyManagerSendsNoCertificateToThatServer(String protocol) throws Exception {
		// The behaviour the key manager exists for: without it the same server gets no
		// certificate.
		SslContext stock = SslContextBuilder.forClient()
			.sslProvider(SslProvider.JDK)
			.keyManager(pki.leaf().privateKey(), pki.chain())
			.trustManager(pki.serverCa())
			.build();
		try (CaListingMtlsServer server = new CaListingMtlsServer(pki, unrelatedCa, protocol)) {
			assertThatException().isThrownBy(() -> server.request(stock));
		}
	}

	@Test
	void keyManagerChoosesTheConfiguredIdentityForEveryClientAndNoneForAServer() {
		ConfiguredIdentityKeyManager keyManager = new ConfiguredIdentityKeyManager(this.identity);
		Principal[] unrelated = { unrelatedCa.getSubjectX500Principal() };
		assertThat(keyManager.chooseClientAlias(new String[] { "EC" }, unrelated, null))
			.isEqualTo(ConfiguredIdentityKeyManager.ALIAS);
		assertThat(keyManager.chooseEngineClientAlias(new String[] { "RSA" }, unrelated, null))
			.isEqualTo(ConfiguredIdentityKeyManager.ALIAS);
		assertThat(keyManager.getClientAliases("EC", unrelated)).containsExactly(ConfiguredIdentityKeyManager.ALIAS);
		assertThat(keyManager.getCertificateChain(ConfiguredIdentityKeyManager.ALIAS))
			.containsExactlyElementsOf(pki.chain());
		assertThat(keyManager.getPrivateKey(ConfiguredIdentityKeyManager.ALIAS)).isSameAs(pki.leaf().privateKey());
		assertThat(keyManager.getCertificateChain("other")).isNull();
		assertThat(keyManager.getPrivateKey("other")).isNull();
		assertThat(keyManager.getServerAliases("EC", unrelated)).isNull();
		assertThat(keyManager.chooseServerAlias("EC", unrelated, null)).isNull();
		assertThat(keyManager.chooseEngineServerAlias("EC", unrelated, null)).isNull();
	}

	@Test
	void certificateChainIsACopySoACallerCannotChangeWhatIsPresented() {
		ConfiguredIdentityKeyManager keyManager = new ConfiguredIdentityKeyManager(this.identity);
		keyManager.getCertificateChain(ConfiguredIdentityKeyManager.ALIAS)[0] = null;
		assertThat(keyManager.getCertificateChain(ConfiguredIdentityKeyManager.ALIAS))
			.containsExactlyElementsOf(pki.chain());
	}

	@Test
	void keyManagerNeverNamesTheKeyInToString() {
		assertThat(new ConfiguredIdentityKeyManager(this.identity)).hasToString("ConfiguredIdentityKeyManager["
				+ this.identity.subject() + ", chainLength=" + pki.chain().size() + "]");
	}

}
