package io.github.checkoutmtls.connector;

import java.util.List;

import javax.net.ssl.SSLEngine;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.Test;

import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClientSslContextFactory}.
 */
class ClientSslContextFactoryTests {

	private static final TestPki pki = TestPki.builder().build();

	private final ClientIdentity identity = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");

	@Test
	void createEnablesOnlyTls12And13() {
		SslContext context = ClientSslContextFactory.create(this.identity, List.of(pki.serverCa()));
		SSLEngine engine = context.newEngine(ByteBufAllocator.DEFAULT);
		assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
		assertThat(engine.getUseClientMode()).isTrue();
	}

	@Test
	void createWithoutTrustCertificatesUsesJvmTrustStore() {
		SslContext context = ClientSslContextFactory.create(this.identity, List.of());
		assertThat(context.isClient()).isTrue();
	}

}
