package io.github.checkoutmtls.connector;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;

import javax.net.ssl.SSLHandshakeException;

import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import io.github.checkoutmtls.CustomCertificates;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.pipeline.CheckoutRequestPipeline;
import io.github.checkoutmtls.pipeline.CheckoutRequestPipeline.PipelineSettings;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.TestPki;
import reactor.core.publisher.Mono;
import reactor.netty.internal.shaded.reactor.pool.PoolShutdownException;
import reactor.netty.resources.ConnectionProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link CheckoutMtlsConnector}: swaps with real handshakes against a local
 * mTLS server.
 */
class CheckoutMtlsConnectorTests {

	// Key generation dominates these tests: one PKI for the class, a fresh server and
	// connector per test
	private static final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	private final ClientIdentity first = identity(pki.leaf());

	private final ClientIdentity second = identity(pki.issueLeaf("merchant.internal", KeyType.EC_P256));

	private SlowMtlsServer server;

	private CheckoutMtlsConnector connector;

	private WebClient client;

	@BeforeEach
	void start() {
		start(new SlowMtlsServer(pki), 4, Duration.ofSeconds(10), pki.serverCa());
	}

	private void start(SlowMtlsServer server, int maxConnections, Duration responseTimeout, X509Certificate serverCa) {
		if (this.server != null) {
			stop();
		}
		this.server = server;
		this.connector = new CheckoutMtlsConnector(this.first,
				new ReactorNettyConnectorFactory(new ConnectorSettings(Duration.ofSeconds(5), responseTimeout,
						maxConnections, Duration.ofSeconds(30), Duration.ofMinutes(1), List.of(serverCa))));
		this.client = WebClient.builder().clientConnector(this.connector).baseUrl(this.server.baseUrl()).build();
	}

	@AfterEach
	void stop() {
		this.connector.destroy();
		this.server.release();
		this.server.close();
	}

	@Test
	void swapLetsInFlightRequestFinishOnOldCertificateThenClosesItsConnection() throws Exception {
		CompletableFuture<String> slow = get("/slow").toFuture();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.server.received().contains("slow " + this.first.thumbprint()));
		assertThat(this.connector.swap(this.second)).isSameAs(this.first);
		assertThat(get("/fast").block(Duration.ofSeconds(10))).isEqualTo(this.second.thumbprint());
		assertThat(slow).isNotDone();
		this.server.release();
		assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(this.first.thumbprint());
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.server.closedConnections()).contains(this.first.thumbprint())
				.doesNotContain(this.second.thumbprint()));
	}

	@Test
	void requestPinnedToReplacedIdentityFailsBeforeAnythingIsSent() {
		this.connector.swap(this.second);
		assertThatExceptionOfType(WebClientRequestException.class)
			.isThrownBy(() -> get("/fast").contextWrite(CheckoutMtlsConnector.presenting(this.first))
				.block(Duration.ofSeconds(10)))
			.withCauseInstanceOf(IdentityReplacedException.class)
			.withMessageContaining(this.first.thumbprint());
		assertThat(this.server.received()).isEmpty();
		assertThat(
				get("/fast").contextWrite(CheckoutMtlsConnector.presenting(this.second)).block(Duration.ofSeconds(10)))
			.isEqualTo(this.second.thumbprint());
	}

	@Test
	void swapBetweenReadingThePoolAndAcquiringFromItSendsTheRequestOverTheNewPool() {
		assertThat(get("/fast").block(Duration.ofSeconds(10))).isEqualTo(this.first.thumbprint());
		AtomicBoolean overtaken = new AtomicBoolean();
		// The old pool is closed before this request acquires from it.
		CheckoutMtlsConnector racing = overtakenAfterPoolRead(overtaken, true);
		WebClient client = WebClient.builder().clientConnector(racing).baseUrl(this.server.baseUrl()).build();
		try {
			assertThat(client.get().uri("/fast").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10)))
				.isEqualTo(this.second.thumbprint());
			assertThat(overtaken).isTrue();
		}
		finally {
			racing.destroy();
		}
	}

	@Test
	void oldPoolShutDownWhileTheRequestAcquiresFromItSendsTheRequestOverTheNewPool() {
		AtomicReference<CheckoutMtlsConnector> racing = new AtomicReference<>();
		AtomicInteger acquisitions = new AtomicInteger();
		racing.set(new CheckoutMtlsConnector(this.first, shutDownOnFirstPool(racing, acquisitions, true)));
		WebClient client = WebClient.builder().clientConnector(racing.get()).baseUrl(this.server.baseUrl()).build();
		try {
			assertThat(client.get().uri("/fast").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10)))
				.isEqualTo(this.second.thumbprint());
			assertThat(acquisitions).hasValue(1);
		}
		finally {
			racing.get().destroy();
		}
	}

	@Test
	void requestThatFailsOnTheReplacedPoolAfterItWasWrittenIsNotSentAgain() throws Exception {
		CompletableFuture<String> dropped = get("/drop").toFuture();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.server.received().contains("drop " + this.first.thumbprint()));
		this.connector.swap(this.second);
		this.server.release();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> dropped.get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(WebClientRequestException.class);
		// The request may have reached the server: only the caller may decide to repeat
		// it.
		assertThat(this.server.received()).containsExactly("drop " + this.first.thumbprint());
	}

	@Test
	void swapAfterAcquiringAConnectionOfTheOldPoolSendsAnUnpinnedRequestOverTheNewPool() {
		AtomicBoolean overtaken = new AtomicBoolean();
		CheckoutMtlsConnector racing = overtakenAfterPoolRead(overtaken, false);
		WebClient client = WebClient.builder().clientConnector(racing).baseUrl(this.server.baseUrl()).build();
		try {
			assertThat(client.get().uri("/fast").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10)))
				.isEqualTo(this.second.thumbprint());
			assertThat(overtaken).isTrue();
			assertThat(this.server.received()).containsExactly("fast " + this.second.thumbprint());
		}
		finally {
			racing.destroy();
		}
	}

	@Test
	void swapAfterAcquiringAConnectionOfTheOldPoolFailsARequestPinnedToTheOldIdentity() {
		AtomicBoolean overtaken = new AtomicBoolean();
		CheckoutMtlsConnector racing = overtakenAfterPoolRead(overtaken, false);
		WebClient client = WebClient.builder().clientConnector(racing).baseUrl(this.server.baseUrl()).build();
		try {
			assertThatExceptionOfType(WebClientRequestException.class)
				.isThrownBy(() -> client.get()
					.uri("/fast")
					.retrieve()
					.bodyToMono(String.class)
					.contextWrite(CheckoutMtlsConnector.presenting(this.first))
					.block(Duration.ofSeconds(10)))
				.withCauseInstanceOf(IdentityReplacedException.class);
			assertThat(overtaken).isTrue();
			assertThat(this.server.received()).isEmpty();
		}
		finally {
			racing.destroy();
		}
	}

	// A connector whose first request reads the pool, then a swap overtakes it; unless
	// disposed then, the old pool stays open, so the request gets a connection presenting
	// the old identity.
	private CheckoutMtlsConnector overtakenAfterPoolRead(AtomicBoolean overtaken, boolean disposeOldPool) {
		AtomicReference<CheckoutMtlsConnector> racing = new AtomicReference<>();
		racing.set(new CheckoutMtlsConnector(this.first,
				new ReactorNettyConnectorFactory(new ConnectorSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), 4,
						Duration.ofSeconds(30), Duration.ofMinutes(1), List.of(pki.serverCa()))),
				(pooled) -> {
					if (!overtaken.getAndSet(true)) {
						racing.get().swap(this.second);
						if (disposeOldPool) {
							pooled.pool().dispose();
						}
					}
				}));
		return racing.get();
	}

	// The request pipeline connects with connectPresenting, which starts nothing over
	// itself: the same three races, through a pipeline, each end in one request sent
	// over the new pool.

	@Test
	void pipelineRequestOvertakenBetweenReadingThePoolAndAcquiringFromItIsSentOnceOverTheNewPool() {
		assertThat(get("/fast").block(Duration.ofSeconds(10))).isEqualTo(this.first.thumbprint());
		AtomicBoolean overtaken = new AtomicBoolean();
		CheckoutMtlsConnector racing = overtakenAfterPoolRead(overtaken, true);
		try {
			assertThat(pipelineGet(racing)).isEqualTo(this.second.thumbprint());
			assertThat(overtaken).isTrue();
			assertThat(this.server.received()).containsExactly("fast " + this.first.thumbprint(),
					"fast " + this.second.thumbprint());
		}
		finally {
			racing.destroy();
		}
	}

	@Test
	void pipelineRequestWhosePoolShutsDownWhileItAcquiresIsSentOnceOverTheNewPool() {
		AtomicReference<CheckoutMtlsConnector> racing = new AtomicReference<>();
		AtomicInteger acquisitions = new AtomicInteger();
		racing.set(new CheckoutMtlsConnector(this.first, shutDownOnFirstPool(racing, acquisitions, true)));
		try {
			assertThat(pipelineGet(racing.get())).isEqualTo(this.second.thumbprint());
			assertThat(acquisitions).hasValue(1);
			assertThat(this.server.received()).containsExactly("fast " + this.second.thumbprint());
		}
		finally {
			racing.get().destroy();
		}
	}

	@Test
	void pipelineRequestOvertakenAfterAcquiringAConnectionOfTheOldPoolIsSentOnceOverTheNewPool() {
		AtomicBoolean overtaken = new AtomicBoolean();
		CheckoutMtlsConnector racing = overtakenAfterPoolRead(overtaken, false);
		try {
			assertThat(pipelineGet(racing)).isEqualTo(this.second.thumbprint());
			assertThat(overtaken).isTrue();
			assertThat(this.server.received()).containsExactly("fast " + this.second.thumbprint());
		}
		finally {
			racing.destroy();
		}
	}

	@Test
	void connectPresentingPassesAPoolShutdownBySwapOnWithoutStartingOver() {
		AtomicReference<CheckoutMtlsConnector> racing = new AtomicReference<>();
		AtomicInteger acquisitions = new AtomicInteger();
		racing.set(new CheckoutMtlsConnector(this.first, shutDownOnFirstPool(racing, acquisitions, true)));
		try {
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> racing.get()
					.connectPresenting(this.first, HttpMethod.GET, URI.create(this.server.baseUrl() + "/fast"),
							(request) -> request.setComplete())
					.block(Duration.ofSeconds(10)))
				.withCauseInstanceOf(PoolShutdownException.class);
			assertThat(acquisitions).hasValue(1);
			assertThat(this.server.received()).isEmpty();
		}
		finally {
			racing.get().destroy();
		}
	}

	@Test
	void pipelineRequestWhosePoolShutsDownWithoutASwapFailsWithoutStartingOver() {
		AtomicReference<CheckoutMtlsConnector> shut = new AtomicReference<>();
		AtomicInteger acquisitions = new AtomicInteger();
		shut.set(new CheckoutMtlsConnector(this.first, shutDownOnFirstPool(shut, acquisitions, false)));
		try {
			assertThatExceptionOfType(WebClientRequestException.class).isThrownBy(() -> pipelineGet(shut.get()))
				.withRootCauseInstanceOf(PoolShutdownException.class);
			assertThat(acquisitions).as("not started over on the same pool").hasValue(1);
			assertThat(this.server.received()).isEmpty();
		}
		finally {
			shut.get().destroy();
		}
	}

	// The first identity's pool fails every acquisition with reactor-pool's
	// PoolShutdownException, as Reactor Netty fails one from a pool disposed meanwhile
	// (wrapped here as a caller of the pool could), swapping to the second identity,
	// whose pool is real, first when asked to: the race made certain.
	private Function<ClientIdentity, PooledConnector> shutDownOnFirstPool(
			AtomicReference<CheckoutMtlsConnector> connector, AtomicInteger acquisitions, boolean swap) {
		ReactorNettyConnectorFactory real = new ReactorNettyConnectorFactory(settings(TlsProvider.JDK));
		ReactorClientHttpConnector shutDown = new ReactorClientHttpConnector() {

			@Override
			public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
					Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
				acquisitions.incrementAndGet();
				if (swap) {
					connector.get().swap(CheckoutMtlsConnectorTests.this.second);
				}
				return Mono.error(new IllegalStateException("acquire failed", new PoolShutdownException()));
			}

		};
		return (identity) -> (identity == this.first)
				? new PooledConnector(identity, shutDown, ConnectionProvider.newConnection()) : real.create(identity);
	}

	private String pipelineGet(CheckoutMtlsConnector connector) {
		CheckoutRequestPipeline pipeline = new CheckoutRequestPipeline(connector,
				new PipelineSettings(URI.create(this.server.baseUrl()), true, 3, Duration.ofMillis(10),
						Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofMillis(100), 64 * 1024, true,
						PipelineSettings.CHECKOUT_IDEMPOTENT_ENDPOINTS),
				null, (failure) -> {
				});
		return WebClient.builder()
			.clientConnector(pipeline)
			.baseUrl(this.server.baseUrl())
			.build()
			.get()
			.uri("/fast")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
	}

	@Test
	void destroyClosesTheConnectionsOfThePool() {
		assertThat(get("/fast").block(Duration.ofSeconds(10))).isEqualTo(this.first.thumbprint());
		assertThat(this.server.closedConnections()).isEmpty();
		this.connector.destroy();
		// The idle connection would otherwise stay open for max-idle-time (30 s here)
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.server.closedConnections()).containsExactly(this.first.thumbprint()));
	}

	@Test
	void serverCertificateForAnotherHostFailsTheHandshakeBeforeAnythingIsSent() {
		CertificateAndKey ca = CustomCertificates.certificateAuthority("Other Server CA");
		start(new SlowMtlsServer(pki, CustomCertificates.server(ca, "other.example")), 4, Duration.ofSeconds(10),
				ca.certificate());
		assertThatExceptionOfType(WebClientRequestException.class)
			.isThrownBy(() -> get("/fast").block(Duration.ofSeconds(10)))
			.withCauseInstanceOf(SSLHandshakeException.class)
			.withMessageContaining("localhost");
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void requestsBeyondMaxConnectionsWaitForAConnectionInsteadOfFailing() throws Exception {
		start(new SlowMtlsServer(pki), 1, Duration.ofSeconds(10), pki.serverCa());
		List<CompletableFuture<String>> requests = IntStream.range(0, 4)
			.mapToObj((i) -> get("/slow").toFuture())
			.toList();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.server.received()).hasSize(1);
			assertThat(this.connector.poolUsage().activeConnections()).isEqualTo(1);
			assertThat(this.connector.poolUsage().pendingAcquisitions()).isEqualTo(3);
		});
		this.server.release();
		for (CompletableFuture<String> request : requests) {
			assertThat(request.get(10, TimeUnit.SECONDS)).isEqualTo(this.first.thumbprint());
		}
		assertThat(this.server.received()).hasSize(4);
		assertThat(this.connector.poolUsage().openConnections()).isEqualTo(1);
	}

	@Test
	void responseLaterThanResponseTimeoutFailsTheRequest() {
		start(new SlowMtlsServer(pki), 4, Duration.ofMillis(300), pki.serverCa());
		assertThatExceptionOfType(WebClientRequestException.class)
			.isThrownBy(() -> get("/slow").block(Duration.ofSeconds(10)))
			.withRootCauseInstanceOf(ReadTimeoutException.class);
		assertThat(this.server.received()).containsExactly("slow " + this.first.thumbprint());
	}

	@Test
	void swapBuildsTheNewPoolWithTheConfiguredProvider() {
		List<SslContext> contexts = new CopyOnWriteArrayList<>();
		ReactorNettyConnectorFactory factory = new ReactorNettyConnectorFactory(settings(TlsProvider.JDK), (client) -> {
			contexts.add(client.configuration().sslProvider().getSslContext());
			return client;
		});
		CheckoutMtlsConnector connector = new CheckoutMtlsConnector(this.first, factory);
		connector.swap(this.second);
		assertThat(contexts).hasSize(2).allSatisfy((context) -> assertThat(context).isInstanceOf(JdkSslContext.class));
		assertThat(connector.identity().leaf()).isEqualTo(this.second.leaf());
		connector.destroy();
	}

	@Test
	void everyPoolUsesTheConfiguredProviderSoOpenSslWithoutTcnativeFails() {
		ReactorNettyConnectorFactory factory = new ReactorNettyConnectorFactory(settings(TlsProvider.OPENSSL));
		assertThatExceptionOfType(TlsProviderUnavailableException.class).isThrownBy(() -> factory.create(this.second));
	}

	@Test
	void warmingUpConnectorServesRequestsOverThePoolItBuiltInTheBackground() {
		CheckoutMtlsConnector warming = CheckoutMtlsConnector.warmingUp(this.first,
				new ReactorNettyConnectorFactory(settings(TlsProvider.JDK)));
		WebClient warmingClient = WebClient.builder().clientConnector(warming).baseUrl(this.server.baseUrl()).build();
		assertThat(warmingClient.get().uri("/fast").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10)))
			.isEqualTo(this.first.thumbprint());
		warming.destroy();
	}

	@Test
	void pipelineRequestOnAWarmingUpConnectorWaitsForItsPoolAndIsSentOnce() {
		CheckoutMtlsConnector warming = CheckoutMtlsConnector.warmingUp(this.first,
				new ReactorNettyConnectorFactory(settings(TlsProvider.JDK)));
		try {
			assertThat(pipelineGet(warming)).isEqualTo(this.first.thumbprint());
			assertThat(this.server.received()).containsExactly("fast " + this.first.thumbprint());
		}
		finally {
			warming.destroy();
		}
	}

	@Test
	void pipelineRequestOnAConnectorWhoseWarmUpFailedFailsWithThatFailureOnce() {
		IllegalStateException broken = new IllegalStateException("no pool for you");
		AtomicInteger builds = new AtomicInteger();
		CheckoutMtlsConnector warming = CheckoutMtlsConnector.warmingUp(this.first,
				new ReactorNettyConnectorFactory(settings(TlsProvider.JDK), (client) -> {
					builds.incrementAndGet();
					throw broken;
				}));
		try {
			assertThatExceptionOfType(WebClientRequestException.class).isThrownBy(() -> pipelineGet(warming))
				.withCause(broken);
			assertThat(builds).hasValue(1);
			assertThat(this.server.received()).isEmpty();
		}
		finally {
			warming.destroy();
		}
	}

	@Test
	void warmingUpBuildsThePoolOnADaemonThreadSoAStuckWarmUpNeverKeepsTheJvmAlive() throws Exception {
		CompletableFuture<Thread> building = new CompletableFuture<>();
		CheckoutMtlsConnector warming = CheckoutMtlsConnector.warmingUp(this.first,
				new ReactorNettyConnectorFactory(settings(TlsProvider.JDK), (client) -> {
					building.complete(Thread.currentThread());
					return client;
				}));
		try {
			warming.warmUp();
			Thread thread = building.get(10, TimeUnit.SECONDS);
			assertThat(thread).isNotSameAs(Thread.currentThread());
			assertThat(thread.getName()).isEqualTo("checkout-mtls-warm-up");
			assertThat(thread.isDaemon()).isTrue();
		}
		finally {
			warming.destroy();
		}
	}

	@Test
	void warmingUpConnectorWhoseWarmUpFailedFailsEveryRequestWithThatFailure() {
		IllegalStateException broken = new IllegalStateException("no pool for you");
		CheckoutMtlsConnector warming = CheckoutMtlsConnector.warmingUp(this.first,
				new ReactorNettyConnectorFactory(settings(TlsProvider.JDK), (client) -> {
					throw broken;
				}));
		WebClient warmingClient = WebClient.builder().clientConnector(warming).baseUrl(this.server.baseUrl()).build();
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(WebClientRequestException.class).isThrownBy(
					() -> warmingClient.get().uri("/fast").retrieve().toBodilessEntity().block(Duration.ofSeconds(10)))
				.withCause(broken);
		}
		assertThat(warming.identity()).isSameAs(this.first);
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void warmingUpConnectorBuildsItsPoolOnceWhenWarmedUpAndNotBefore() {
		AtomicInteger builds = new AtomicInteger();
		CheckoutMtlsConnector warming = CheckoutMtlsConnector.warmingUp(this.first,
				new ReactorNettyConnectorFactory(settings(TlsProvider.JDK), (client) -> {
					builds.incrementAndGet();
					return client;
				}));
		assertThat(builds).hasValue(0);
		assertThat(warming.poolFailure()).isNull();
		warming.warmUp();
		warming.warmUp();
		await().atMost(Duration.ofSeconds(10)).until(() -> warming.poolUsage() != null && builds.get() == 1);
		WebClient warmingClient = WebClient.builder().clientConnector(warming).baseUrl(this.server.baseUrl()).build();
		assertThat(warmingClient.get().uri("/fast").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10)))
			.isEqualTo(this.first.thumbprint());
		assertThat(builds).hasValue(1);
		warming.destroy();
	}

	@Test
	void warmingUpConnectorClosedBeforeAnyUseNeverBuildsItsPool() {
		AtomicInteger builds = new AtomicInteger();
		CheckoutMtlsConnector warming = CheckoutMtlsConnector.warmingUp(this.first,
				new ReactorNettyConnectorFactory(settings(TlsProvider.JDK), (client) -> {
					builds.incrementAndGet();
					return client;
				}));
		warming.swap(this.second);
		warming.destroy();
		assertThat(builds).hasValue(1);
	}

	@Test
	void warmUpThatFailedIsReportedAsThePoolFailure() {
		IllegalStateException broken = new IllegalStateException("no pool for you");
		CheckoutMtlsConnector warming = CheckoutMtlsConnector.warmingUp(this.first,
				new ReactorNettyConnectorFactory(settings(TlsProvider.JDK), (client) -> {
					throw broken;
				}));
		warming.warmUp();
		await().atMost(Duration.ofSeconds(10)).until(() -> warming.poolFailure() == broken);
	}

	@Test
	void warmingUpWithOpenSslMissingStillFailsAtOnce() {
		assertThatExceptionOfType(TlsProviderUnavailableException.class).isThrownBy(() -> CheckoutMtlsConnector
			.warmingUp(this.first, new ReactorNettyConnectorFactory(settings(TlsProvider.OPENSSL))));
	}

	private ConnectorSettings settings(TlsProvider provider) {
		return new ConnectorSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), 4, Duration.ofSeconds(30),
				Duration.ofMinutes(10), List.of(pki.serverCa()), provider);
	}

	private Mono<String> get(String path) {
		return this.client.get().uri(path).retrieve().bodyToMono(String.class);
	}

	private ClientIdentity identity(CertificateAndKey leaf) {
		return ClientIdentity.of(pki.chainFor(leaf), leaf.privateKey(), "test=" + leaf.thumbprint());
	}

}
