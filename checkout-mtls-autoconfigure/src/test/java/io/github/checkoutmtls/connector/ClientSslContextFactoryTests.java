package io.github.checkoutmtls.connector;

import java.util.List;

import javax.net.ssl.SSLEngine;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.Test;

import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ClientSslContextFactory}.
 */
class ClientSslContextFactoryTests {

	private static final TestPki pki = TestPki.builder().build();

	private final ClientIdentity identity = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");

	@Test
	void createEnablesOnlyTls12And13() {
		SslContext context = ClientSslContextFactory.create(this.identity, List.of(pki.serverCa()), TlsProvider.JDK);
		SSLEngine engine = context.newEngine(ByteBufAllocator.DEFAULT);
		assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
		assertThat(engine.getUseClientMode()).isTrue();
	}

	@Test
	void createWithoutTrustCertificatesUsesJvmTrustStore() {
		SslContext context = ClientSslContextFactory.create(this.identity, List.of(), TlsProvider.JDK);
		assertThat(context.isClient()).isTrue();
	}

	@Test
	void providerAutoIsOpenSslWhenTcnativeIsAvailable() {
		assertThat(ClientSslContextFactory.resolve(TlsProvider.AUTO, true)).isEqualTo(SslProvider.OPENSSL);
	}

	@Test
	void providerAutoIsJdkWithoutTcnative() {
		assertThat(ClientSslContextFactory.resolve(TlsProvider.AUTO, false)).isEqualTo(SslProvider.JDK);
	}

	@Test
	void providerJdkIsJdkEvenWhenTcnativeIsAvailable() {
		assertThat(ClientSslContextFactory.resolve(TlsProvider.JDK, true)).isEqualTo(SslProvider.JDK);
	}

	@Test
	void providerOpenSslIsOpenSslWhenTcnativeIsAvailable() {
		assertThat(ClientSslContextFactory.resolve(TlsProvider.OPENSSL, true)).isEqualTo(SslProvider.OPENSSL);
	}

	@Test
	void providerOpenSslWithoutTcnativeFailsNamingPropertyAndDependency() {
		assertThatExceptionOfType(TlsProviderUnavailableException.class)
			.isThrownBy(() -> ClientSslContextFactory.resolve(TlsProvider.OPENSSL, false))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("checkout.mtls.http.tls-provider");
				assertThat(ex.getValue()).isEqualTo("openssl");
				assertThat(ex.getAction()).contains("io.netty:netty-tcnative-boringssl-static");
			});
	}

	@Test
	void createWithAutoOnThisClasspathUsesJdk() {
		// The starter does not bring netty-tcnative, and neither do these tests.
		assertThat(OpenSsl.isAvailable()).isFalse();
		assertThat(ClientSslContextFactory.create(this.identity, List.of(pki.serverCa()), TlsProvider.AUTO))
			.isInstanceOf(JdkSslContext.class);
	}

}
