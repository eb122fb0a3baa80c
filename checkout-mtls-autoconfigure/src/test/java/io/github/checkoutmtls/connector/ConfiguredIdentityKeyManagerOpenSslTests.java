package io.github.checkoutmtls.connector;

import java.security.cert.X509Certificate;
import java.util.List;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link ConfiguredIdentityKeyManager} with the OpenSSL provider
 * (netty-tcnative): run by the build's {@code openssl} test execution, which puts
 * netty-tcnative on the classpath.
 */
class ConfiguredIdentityKeyManagerOpenSslTests {

	private static final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	private static final X509Certificate unrelatedCa = TestPki.builder().build().root().certificate();

	private final ClientIdentity identity = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");

	@BeforeAll
	static void requireTcnative() {
		assertThat(OpenSsl.isAvailable()).as("netty-tcnative on the test classpath").isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "TLSv1.2", "TLSv1.3" })
	void handshakeWhenServerListsOtherCasStillPresentsTheConfiguredLeaf(String protocol) {
		SslContext client = ClientSslContextFactory.create(this.identity, List.of(pki.serverCa()), TlsProvider.OPENSSL);
		assertThat(client).isInstanceOf(OpenSslContext.class);
		try (CaListingMtlsServer server = new CaListingMtlsServer(pki, unrelatedCa, protocol)) {
			assertThat(server.request(client)).isEqualTo(pki.leaf().subject());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "TLSv1.2", "TLSv1.3" })
	void handshakeWithNettysOwnKeyManagerSendsNoCertificateToThatServer(String protocol) throws Exception {
		SslContext stock = SslContextBuilder.forClient()
			.sslProvider(SslProvider.OPENSSL)
			.keyManager(pki.leaf().privateKey(), pki.chain())
			.trustManager(pki.serverCa())
			.build();
		try (CaListingMtlsServer server = new CaListingMtlsServer(pki, unrelatedCa, protocol)) {
			assertThatException().isThrownBy(() -> server.request(stock));
		}
	}

}
