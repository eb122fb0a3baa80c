package io.github.checkoutmtls.connector;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector.ConnectionPoolUsage;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.pipeline.CheckoutRequestPipeline;
import io.github.checkoutmtls.pipeline.CheckoutRequestPipeline.PipelineSettings;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.TestPki;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Adversarial tests of {@link CheckoutMtlsConnector}: swaps and shutdown racing with
 * requests and with the warm-up, against a real local mTLS server.
 */
class AdversarialConnectorTests {

	private static final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	private static final String WARM_UP_THREAD = "checkout-mtls-warm-up";

	private final ClientIdentity first = identity(pki.leaf());

	private final ClientIdentity second = identity(pki.issueLeaf("merchant.internal", KeyType.EC_P256));

	private final SlowMtlsServer server = new SlowMtlsServer(pki);

	private final List<CheckoutMtlsConnector> connectors = new java.util.concurrent.CopyOnWriteArrayList<>();

	@AfterEach
	void stop() {
		this.server.release();
		this.connectors.forEach(CheckoutMtlsConnector::destroy);
		this.server.close();
	}

	// --- shutdown ---

	@Test
	void requestAfterDestroyFailsInsteadOfOpeningAConnection() {
		CheckoutMtlsConnector connector = track(new CheckoutMtlsConnector(this.first, factory()));
		assertThat(get(connector, "/fast")).isEqualTo(this.first.thumbprint());
		connector.destroy();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.server.openConnections().isEmpty());
		assertThat(outcome(connector)).as("a request after shutdown").startsWith("failed");
		assertThat(this.server.openConnections()).as("connections opened after shutdown").isEmpty();
	}

	@Test
	void connectionOpenedByARequestAfterDestroyIsNotLeftOpen() {
		CheckoutMtlsConnector connector = track(new CheckoutMtlsConnector(this.first, factory()));
		assertThat(get(connector, "/fast")).isEqualTo(this.first.thumbprint());
		connector.destroy();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.server.openConnections().isEmpty());
		String outcome = outcome(connector);
		// max-idle-time is 30 s: the connector is closed, nothing may stay open
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.server.openConnections())
				.as("connections open 10 s after a request (%s) to a destroyed connector", outcome)
				.isEmpty());
	}

	@Test
	void pipelineRequestAfterDestroyFails() {
		CheckoutMtlsConnector connector = track(new CheckoutMtlsConnector(this.first, factory()));
		assertThat(get(connector, "/fast")).isEqualTo(this.first.thumbprint());
		connector.destroy();
		assertThat(outcome(pipelineClient(connector))).as("a pipeline request after shutdown").startsWith("failed");
	}

	@Test
	void warmingUpConnectorDestroyedBeforeAnyUseNeverBuildsAPoolForALateRequest() {
		AtomicInteger builds = new AtomicInteger();
		CheckoutMtlsConnector warming = track(
				CheckoutMtlsConnector.warmingUp(this.first, new ReactorNettyConnectorFactory(settings(), (client) -> {
					builds.incrementAndGet();
					return client;
				})));
		warming.destroy();
		String outcome = outcome(warming);
		assertThat(builds).as("pools built after shutdown (request: %s)", outcome).hasValue(0);
		assertThat(outcome).as("a request after shutdown").startsWith("failed");
	}

	@Test
	void destroyWhileTheWarmUpIsBuildingFailsTheWaitingRequest() throws Exception {
		HeldWarmUp held = holdWarmUp();
		held.connector().destroy();
		held.proceed().countDown();
		assertThat(outcome(held.waiting())).as("the request waiting on the warm-up of a connector shut down meanwhile")
			.startsWith("failed");
		assertThat(this.server.received()).as("sent after shutdown").isEmpty();
	}

	@Test
	void swapAfterDestroyLeavesNoLivePoolBehind() {
		CheckoutMtlsConnector connector = track(new CheckoutMtlsConnector(this.first, factory()));
		connector.destroy();
		try {
			connector.swap(this.second);
		}
		catch (RuntimeException ex) {
			// refusing is fine
		}
		assertThat(outcome(connector)).as("a request after shutdown and a late swap").startsWith("failed");
	}

	// --- swap overtaking a request between reading the pool and acquiring ---

	@Test
	void swapOvertakingAnAcquireOpensNoConnectionPresentingTheOldCertificate() {
		AtomicReference<ConnectionPoolUsage> oldUsage = new AtomicReference<>();
		CheckoutMtlsConnector racing = overtakenAfterPoolRead(oldUsage);
		assertThat(get(racing, "/fast")).isEqualTo(this.second.thumbprint());
		assertThat(this.server.handshakes()).as("handshakes after the swap").doesNotContain(this.first.thumbprint());
	}

	@Test
	void swapOvertakingAnAcquireLeavesNoConnectionOfTheOldPoolOpen() {
		AtomicReference<ConnectionPoolUsage> oldUsage = new AtomicReference<>();
		CheckoutMtlsConnector racing = overtakenAfterPoolRead(oldUsage);
		assertThat(get(racing, "/fast")).isEqualTo(this.second.thumbprint());
		// max-idle-time is 30 s: well before it, the replaced pool must have closed
		// everything
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.server.openConnections()).as("connections still open")
				.doesNotContain(this.first.thumbprint()));
	}

	@Test
	void pinnedRequestOvertakenAfterReadingThePoolReleasesWhatItAcquired() {
		AtomicReference<ConnectionPoolUsage> oldUsage = new AtomicReference<>();
		CheckoutMtlsConnector racing = overtakenAfterPoolRead(oldUsage);
		assertThatExceptionOfType(IdentityReplacedException.class).isThrownBy(
				() -> racing
					.connectPresenting(this.first, HttpMethod.GET, URI.create(this.server.baseUrl() + "/fast"),
							(request) -> request.setComplete())
					.block(Duration.ofSeconds(10)));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(oldUsage.get().activeConnections()).isZero());
		assertThat(this.server.received()).isEmpty();
	}

	// The old pool has carried a request before: its provider has a pool for the host,
	// which the swap's disposeLater() clears; the overtaken request then acquires from
	// the "disposed" provider, which builds a fresh pool for the host.

	@Test
	void swapOvertakingAnAcquireOnAUsedPoolOpensNoConnectionPresentingTheOldCertificate() {
		AtomicReference<ConnectionPoolUsage> oldUsage = new AtomicReference<>();
		CheckoutMtlsConnector racing = overtakenAfterPoolRead(oldUsage, 1);
		assertThat(get(racing, "/fast")).isEqualTo(this.first.thumbprint());
		assertThat(get(racing, "/fast")).isEqualTo(this.second.thumbprint());
		assertThat(this.server.handshakes()).as("handshakes: one before the swap, then only the new certificate")
			.containsOnlyOnce(this.first.thumbprint());
	}

	@Test
	void swapOvertakingAnAcquireOnAUsedPoolLeavesNoConnectionOfTheOldCertificateOpen() {
		AtomicReference<ConnectionPoolUsage> oldUsage = new AtomicReference<>();
		CheckoutMtlsConnector racing = overtakenAfterPoolRead(oldUsage, 1);
		assertThat(get(racing, "/fast")).isEqualTo(this.first.thumbprint());
		assertThat(get(racing, "/fast")).isEqualTo(this.second.thumbprint());
		// max-idle-time is 30 s; the old pool's dispose timeout is response-timeout + 5 s
		// = 15 s: before either, every connection presenting the old certificate is
		// closed
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.server.openConnections()).as("connections open")
				.doesNotContain(this.first.thumbprint()));
	}

	@Test
	void pipelineRequestOvertakenOnAUsedPoolIsSentOnceOverTheNewPoolAndNoOldConnectionIsOpened() {
		AtomicReference<ConnectionPoolUsage> oldUsage = new AtomicReference<>();
		CheckoutMtlsConnector racing = overtakenAfterPoolRead(oldUsage, 1);
		assertThat(get(racing, "/fast")).isEqualTo(this.first.thumbprint());
		assertThat(pipelineClient(racing).get()
			.uri("/fast")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10))).isEqualTo(this.second.thumbprint());
		assertThat(this.server.handshakes()).containsOnlyOnce(this.first.thumbprint());
	}

	// --- swap racing with the warm-up ---

	@Test
	void swapWhileTheWarmUpBuildsSendsTheWaitingRequestOverTheNewPoolOnly() throws Exception {
		HeldWarmUp held = holdWarmUp();
		held.connector().swap(this.second);
		held.proceed().countDown();
		assertThat(held.waiting().get(10, TimeUnit.SECONDS)).isEqualTo(this.second.thumbprint());
		assertThat(this.server.handshakes()).as("handshakes after the swap").doesNotContain(this.first.thumbprint());
	}

	@Test
	void pipelineRequestWaitingOnAWarmUpThatFailsAfterASwapIsSentOverTheNewPool() throws Exception {
		CountDownLatch building = new CountDownLatch(1);
		CountDownLatch proceed = new CountDownLatch(1);
		IllegalStateException broken = new IllegalStateException("no pool for you");
		CheckoutMtlsConnector warming = track(
				CheckoutMtlsConnector.warmingUp(this.first, new ReactorNettyConnectorFactory(settings(), (client) -> {
					if (Thread.currentThread().getName().equals(WARM_UP_THREAD)) {
						building.countDown();
						hold(proceed);
						throw broken;
					}
					return client;
				})));
		CompletableFuture<String> waiting = pipelineClient(warming).get()
			.uri("/fast")
			.retrieve()
			.bodyToMono(String.class)
			.toFuture();
		assertThat(building.await(10, TimeUnit.SECONDS)).isTrue();
		warming.swap(this.second);
		proceed.countDown();
		assertThat(warming.poolFailure()).isNull();
		assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(this.second.thumbprint());
	}

	// --- swap to an identity whose pool cannot be built ---

	@Test
	void swapToAnIdentityWhosePoolFailsToBuildKeepsTheOldOneServing() {
		IllegalStateException broken = new IllegalStateException("no pool for you");
		ReactorNettyConnectorFactory real = factory();
		CheckoutMtlsConnector connector = track(new CheckoutMtlsConnector(this.first, (identity) -> {
			if (identity == this.second) {
				throw broken;
			}
			return real.create(identity);
		}));
		assertThat(get(connector, "/fast")).isEqualTo(this.first.thumbprint());
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> connector.swap(this.second));
		assertThat(connector.identity()).isSameAs(this.first);
		assertThat(connector.poolFailure()).isNull();
		assertThat(get(connector, "/fast")).isEqualTo(this.first.thumbprint());
	}

	// --- two swaps in quick succession with a request in flight ---

	@Test
	void twoQuickSwapsLetTheInFlightRequestFinishAndCloseEveryReplacedPool() throws Exception {
		ClientIdentity third = identity(pki.issueLeaf("merchant.internal", KeyType.EC_P256));
		CheckoutMtlsConnector connector = track(new CheckoutMtlsConnector(this.first, factory()));
		CompletableFuture<String> slow = client(connector).get()
			.uri("/slow")
			.retrieve()
			.bodyToMono(String.class)
			.toFuture();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.server.received().contains("slow " + this.first.thumbprint()));
		connector.swap(this.second);
		connector.swap(third);
		assertThat(get(connector, "/fast")).isEqualTo(third.thumbprint());
		assertThat(slow).isNotDone();
		this.server.release();
		assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(this.first.thumbprint());
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.server.openConnections()).containsExactly(third.thumbprint()));
		assertThat(this.server.handshakes()).doesNotContain(this.second.thumbprint());
	}

	// --- helpers ---

	private CheckoutMtlsConnector overtakenAfterPoolRead(AtomicReference<ConnectionPoolUsage> oldUsage) {
		return overtakenAfterPoolRead(oldUsage, 0);
	}

	// Swaps when the request numbered 'at' (from 0) has read the pool.
	private CheckoutMtlsConnector overtakenAfterPoolRead(AtomicReference<ConnectionPoolUsage> oldUsage, int at) {
		AtomicInteger reads = new AtomicInteger();
		AtomicReference<CheckoutMtlsConnector> racing = new AtomicReference<>();
		racing.set(track(new CheckoutMtlsConnector(this.first, factory(), (pooled) -> {
			if (reads.getAndIncrement() == at) {
				oldUsage.set(pooled.usage());
				racing.get().swap(this.second);
			}
		})));
		return racing.get();
	}

	// A connector whose warm-up is held while building its first pool, and a request
	// waiting for it.
	private HeldWarmUp holdWarmUp() throws InterruptedException {
		CountDownLatch building = new CountDownLatch(1);
		CountDownLatch proceed = new CountDownLatch(1);
		CheckoutMtlsConnector warming = track(CheckoutMtlsConnector.warmingUp(this.first,
				new ReactorNettyConnectorFactory(settings(), blockingWarmUp(building, proceed))));
		CompletableFuture<String> waiting = client(warming).get()
			.uri("/fast")
			.retrieve()
			.bodyToMono(String.class)
			.toFuture();
		assertThat(building.await(10, TimeUnit.SECONDS)).isTrue();
		return new HeldWarmUp(warming, waiting, proceed);
	}

	private record HeldWarmUp(CheckoutMtlsConnector connector, CompletableFuture<String> waiting,
			CountDownLatch proceed) {
	}

	private static java.util.function.UnaryOperator<HttpClient> blockingWarmUp(CountDownLatch building,
			CountDownLatch proceed) {
		return (client) -> {
			if (Thread.currentThread().getName().equals(WARM_UP_THREAD)) {
				building.countDown();
				hold(proceed);
			}
			return client;
		};
	}

	private static void hold(CountDownLatch latch) {
		try {
			latch.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private String outcome(CheckoutMtlsConnector connector) {
		return outcome(client(connector));
	}

	private static String outcome(WebClient client) {
		return outcome(client.get().uri("/fast").retrieve().bodyToMono(String.class).toFuture());
	}

	private static String outcome(CompletableFuture<String> request) {
		try {
			return "response " + request.get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			return "failed: " + ex.getCause();
		}
		catch (Exception ex) {
			return "no outcome within 10 s: " + ex;
		}
	}

	private CheckoutMtlsConnector track(CheckoutMtlsConnector connector) {
		this.connectors.add(connector);
		return connector;
	}

	private String get(CheckoutMtlsConnector connector, String path) {
		return client(connector).get().uri(path).retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10));
	}

	private WebClient client(CheckoutMtlsConnector connector) {
		return WebClient.builder().clientConnector(connector).baseUrl(this.server.baseUrl()).build();
	}

	private WebClient pipelineClient(CheckoutMtlsConnector connector) {
		CheckoutRequestPipeline pipeline = new CheckoutRequestPipeline(connector,
				new PipelineSettings(URI.create(this.server.baseUrl()), true, 3, Duration.ofMillis(10),
						Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofMillis(100), 64 * 1024, true,
						PipelineSettings.CHECKOUT_IDEMPOTENT_ENDPOINTS),
				null, (failure) -> {
				});
		return WebClient.builder().clientConnector(pipeline).baseUrl(this.server.baseUrl()).build();
	}

	private ReactorNettyConnectorFactory factory() {
		return new ReactorNettyConnectorFactory(settings());
	}

	private static ConnectorSettings settings() {
		return new ConnectorSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), 4, Duration.ofSeconds(30),
				Duration.ofMinutes(10), List.of(pki.serverCa()), TlsProvider.JDK);
	}

	private static ClientIdentity identity(CertificateAndKey leaf) {
		return ClientIdentity.of(pki.chainFor(leaf), leaf.privateKey(), "test=" + leaf.thumbprint());
	}

}
