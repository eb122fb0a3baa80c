package io.github.checkoutmtls.connector;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.TestContexts;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorExtension;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest.AuthMode;
import io.github.checkoutmtls.test.junit.SimulatorFixture;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.RecordedExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the egress proxy of the connector: requests tunnel through a real proxy with
 * CONNECT, and the client certificate still reaches Checkout.
 */
class EgressProxyTests {

	private static final String CLIENT_ID = "ack_proxy";

	@TempDir
	Path directory;

	@RegisterExtension
	static final CheckoutMtlsSimulatorExtension checkout = SimulatorFixture.builder()
		.simulator((simulator) -> simulator.client(CLIENT_ID, null))
		.perClass();

	private final ApplicationContextRunner contextRunner = TestContexts.contextRunner();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@AfterEach
	void stop() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void certificateModeTunnelsThroughConfiguredProxy() throws IOException {
		SimulatorFixture fixture = fixture(false);
		CheckoutMtlsSimulator simulator = fixture.simulator();
		Tinyproxy proxy = proxy(null, simulator);
		run(fixture, proxy, "checkout.mtls.http.proxy.host=127.0.0.1", "checkout.mtls.http.proxy.port=" + proxy.port());
		assertThat(proxy.connectRequests()).containsExactly(Tinyproxy.connectLine(simulator.apiBaseUrl()));
	}

	@Test
	void jwtModeTunnelsTokenAndApiRequestsThroughAuthenticatingProxy() throws IOException {
		SimulatorFixture fixture = fixture(true);
		CheckoutMtlsSimulator simulator = fixture.simulator();
		Tinyproxy proxy = proxy("egress:pr0xy-pass", simulator);
		run(fixture, proxy, "checkout.mtls.auth-mode=jwt", "checkout.mtls.jwt.client-id=" + CLIENT_ID,
				"checkout.mtls.http.proxy.host=127.0.0.1", "checkout.mtls.http.proxy.port=" + proxy.port(),
				"checkout.mtls.http.proxy.username=egress", "checkout.mtls.http.proxy.password=pr0xy-pass");
		assertThat(proxy.connectRequests()).containsExactlyInAnyOrder(Tinyproxy.connectLine(simulator.accessBaseUrl()),
				Tinyproxy.connectLine(simulator.apiBaseUrl()));
		assertThat(simulator.tokenRequests()).isOne();
	}

	@Test
	void wrongProxyCredentialsFailTheRequest() throws IOException {
		SimulatorFixture fixture = fixture(false);
		CheckoutMtlsSimulator simulator = fixture.simulator();
		Tinyproxy proxy = proxy("egress:pr0xy-pass", simulator);
		this.contextRunner.withPropertyValues(fixture.propertyValues())
			.withPropertyValues("checkout.mtls.http.proxy.host=127.0.0.1",
					"checkout.mtls.http.proxy.port=" + proxy.port(), "checkout.mtls.http.proxy.username=egress",
					"checkout.mtls.http.proxy.password=wrong")
			.run((context) -> {
				WebClient client = context.getBean("checkoutWebClient", WebClient.class);
				assertThat(client.get()
					.uri("/workflows")
					.retrieve()
					.toBodilessEntity()
					.onErrorComplete()
					.block(Duration.ofSeconds(10))).isNull();
				assertThat(simulator.exchanges()).isEmpty();
			});
	}

	@Test
	void nonProxyHostsAreReachedDirectly() throws IOException {
		SimulatorFixture fixture = fixture(false);
		Tinyproxy proxy = proxy(null, fixture.simulator());
		run(fixture, proxy, "checkout.mtls.http.proxy.host=127.0.0.1", "checkout.mtls.http.proxy.port=" + proxy.port(),
				"checkout.mtls.http.proxy.non-proxy-hosts=example.org,local*");
		assertThat(proxy.connectRequests()).isEmpty();
	}

	@Test
	void jvmProxySystemPropertiesAreHonoured() throws IOException {
		SimulatorFixture fixture = fixture(false);
		CheckoutMtlsSimulator simulator = fixture.simulator();
		Tinyproxy proxy = proxy(null, simulator);
		Map<String, String> properties = Map.of("https.proxyHost", "127.0.0.1", "https.proxyPort",
				Integer.toString(proxy.port()), "http.nonProxyHosts", "example.org");
		properties.forEach(System::setProperty);
		try {
			run(fixture, proxy);
		}
		finally {
			properties.keySet().forEach(System::clearProperty);
		}
		assertThat(proxy.connectRequests()).containsExactly(Tinyproxy.connectLine(simulator.apiBaseUrl()));
	}

	private void run(SimulatorFixture fixture, Tinyproxy proxy, String... properties) {
		CheckoutMtlsSimulator simulator = fixture.simulator();
		this.contextRunner.withPropertyValues(fixture.propertyValues())
			.withPropertyValues(properties)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				WebClient client = context.getBean("checkoutWebClient", WebClient.class);
				assertThat(client.get()
					.uri("/workflows")
					.retrieve()
					.toBodilessEntity()
					.block(Duration.ofSeconds(10))
					.getStatusCode()
					.value()).isEqualTo(200);
			});
		// The proxy only relays bytes: the simulator saw the client's own certificate, so
		// mTLS was end to end.
		assertThat(simulator.exchanges()).filteredOn((exchange) -> exchange.path().equals("/workflows"))
			.singleElement()
			.extracting(RecordedExchange::leafCommonName)
			.isEqualTo(TestPki.DEFAULT_COMMON_NAME);
	}

	// The class's fixture registers the client without requiring tokens; jwt mode gets
	// one of its own on the same PKI.
	private SimulatorFixture fixture(boolean jwt) {
		if (!jwt) {
			return checkout.fixture();
		}
		SimulatorFixture fixture = SimulatorFixture.builder()
			.pki(checkout.pki())
			.authMode(AuthMode.JWT, CLIENT_ID)
			.start();
		this.closeables.add(fixture);
		return fixture;
	}

	private Tinyproxy proxy(String basicAuth, CheckoutMtlsSimulator simulator) throws IOException {
		Tinyproxy proxy = Tinyproxy.start(this.directory, basicAuth,
				List.of(port(simulator.apiBaseUrl()), port(simulator.accessBaseUrl())));
		this.closeables.add(proxy);
		return proxy;
	}

	private static int port(String baseUrl) {
		return java.net.URI.create(baseUrl).getPort();
	}

}
