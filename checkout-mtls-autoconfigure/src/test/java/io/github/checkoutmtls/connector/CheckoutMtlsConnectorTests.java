package io.github.checkoutmtls.connector;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.Test;

import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CheckoutMtlsConnector} and the pools {@link ReactorNettyConnectorFactory} builds for it.
 */
class CheckoutMtlsConnectorTests {

	private static final TestPki pki = TestPki.builder().build();

	private static final TestPki renewed = TestPki.builder().build();

	@Test
	void swapBuildsTheNewPoolWithTheConfiguredProvider() {
		List<SslContext> contexts = new CopyOnWriteArrayList<>();
		ReactorNettyConnectorFactory factory = new ReactorNettyConnectorFactory(settings(TlsProvider.JDK), (client) -> {
			contexts.add(client.configuration().sslProvider().getSslContext());
			return client;
		});
		CheckoutMtlsConnector connector = new CheckoutMtlsConnector(identity(pki), factory);
		connector.swap(identity(renewed));
		assertThat(contexts).hasSize(2).allSatisfy((context) -> assertThat(context).isInstanceOf(JdkSslContext.class));
		assertThat(connector.identity().leaf()).isEqualTo(renewed.leaf().certificate());
		connector.destroy();
	}

	@Test
	void everyPoolUsesTheConfiguredProviderSoOpenSslWithoutTcnativeFails() {
		ReactorNettyConnectorFactory factory = new ReactorNettyConnectorFactory(settings(TlsProvider.OPENSSL));
		assertThatExceptionOfType(TlsProviderUnavailableException.class)
			.isThrownBy(() -> factory.create(identity(renewed)));
	}

	private static ConnectorSettings settings(TlsProvider provider) {
		return new ConnectorSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), 4, Duration.ofSeconds(30),
				Duration.ofMinutes(10), List.of(pki.serverCa()), provider);
	}

	private static ClientIdentity identity(TestPki source) {
		return ClientIdentity.of(source.chain(), source.leaf().privateKey(), "test=pki");
	}

}
