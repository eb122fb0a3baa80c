package io.github.checkoutmtls.reload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.autoconfigure.CheckoutMtlsAutoConfiguration;
import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.reload.IdentityReloader.ReloadStatus;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorExtension;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest.AuthMode;
import io.github.checkoutmtls.test.junit.SimulatorFixture;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.IssuedToken;
import io.github.checkoutmtls.test.simulator.RecordedExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link KeyMaterialWatcher}: certificates rotated five times, each with a new
 * key, while eight loops of requests run against the simulator.
 */
class KeyMaterialWatcherTests {

	private static final Duration INTERVAL = Duration.ofMillis(200);

	// How long a rotation may take to be picked up on a loaded machine; the guarantee is
	// checked by request order, not by time: a request started after the swap presents
	// the new leaf.
	private static final Duration SWAP_WAIT = Duration.ofSeconds(15);

	private static final String PATH = "/payments/pay_rotation";

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(CheckoutMtlsAutoConfiguration.class, CheckoutMtlsReloadAutoConfiguration.class,
					SslAutoConfiguration.class, WebClientAutoConfiguration.class));

	@RegisterExtension
	static final CheckoutMtlsSimulatorExtension checkout = SimulatorFixture.builder()
		.commonName("merchant.internal")
		.perClass();

	private TestPki pki;

	private CheckoutMtlsSimulator simulator;

	private SimulatorFixture jwtFixture;

	@BeforeEach
	void usePki() {
		this.pki = checkout.pki();
	}

	@AfterEach
	void stop() {
		if (this.jwtFixture != null) {
			this.jwtFixture.close();
		}
	}

	@Test
	void certificateModeRotatedFiveTimesUnderLoadFailsNoRequestAndPresentsOnlyTheNewLeaf() {
		this.simulator = simulator(false);
		SecretVolume volume = new SecretVolume(this.directory, this.pki);
		volume.swapSymlink(this.pki.leaf());
		run(volume.certificate(), volume.privateKey(), (context) -> {
			List<Rotation> rotations = rotateUnderLoad(context, volume::swapSymlink);
			assertOnlyNewLeafOnceSettled(rotations);
			assertThat(context.getBean(IdentityReloader.class).status().successes()).isEqualTo(5);
		});
	}

	@Test
	void jwtModeRotatedFiveTimesUnderLoadSendsEveryTokenOverTheLeafItIsBoundTo() {
		this.simulator = simulator(true);
		SecretVolume volume = new SecretVolume(this.directory, this.pki);
		volume.moveCombined(this.pki.leaf());
		run(volume.combined(), volume.combined(), (context) -> {
			List<Rotation> rotations = rotateUnderLoad(context, volume::moveCombined);
			assertOnlyNewLeafOnceSettled(rotations);
			Map<String, String> boundTo = this.simulator.issuedTokens()
				.stream()
				.collect(Collectors.toMap(IssuedToken::token, IssuedToken::thumbprint));
			assertThat(apiExchanges()).allSatisfy((exchange) -> {
				assertThat(exchange.status()).isEqualTo(200);
				assertThat(boundTo.get(exchange.bearerToken())).isEqualTo(exchange.leafThumbprint());
			});
			assertThat(boundTo.values()).containsAll(rotations.stream().map(Rotation::thumbprint).toList());
			assertThat(this.simulator.tokenRequests()).isGreaterThanOrEqualTo(6);
		}, "checkout.mtls.auth-mode=jwt", "checkout.mtls.jwt.client-id=ack_rotation",
				"checkout.mtls.access-base-url=" + this.simulator.accessBaseUrl());
	}

	@Test
	void unchangedContentDoesNotReload() {
		this.simulator = simulator(false);
		SecretVolume volume = new SecretVolume(this.directory, this.pki);
		volume.moveCombined(this.pki.leaf());
		run(volume.combined(), volume.combined(), (context) -> {
			KeyMaterialWatcher watcher = context.getBean(KeyMaterialWatcher.class);
			assertThat(watcher.isRunning()).isTrue();
			assertThat(watcher.check()).isFalse();
			volume.moveCombined(this.pki.leaf());
			assertThat(watcher.check()).isFalse();
			assertThat(context.getBean(IdentityReloader.class).status().lastOutcome())
				.isEqualTo(ReloadStatus.Outcome.NONE);
		});
	}

	private List<Rotation> rotateUnderLoad(AssertableApplicationContext context, Consumer<CertificateAndKey> rotate) {
		List<Rotation> rotations = new ArrayList<>();
		RequestLoad load = new RequestLoad(context.getBean("checkoutWebClient", WebClient.class), PATH, 8);
		try {
			await().atMost(Duration.ofSeconds(20)).until(() -> load.succeeded() > 20);
			for (int i = 0; i < 5; i++) {
				CertificateAndKey leaf = this.pki.issueLeaf("merchant.internal",
						(i % 2 == 0) ? KeyType.EC_P256 : KeyType.RSA_2048);
				long rotatedAt = load.issued();
				rotate.accept(leaf);
				await().atMost(SWAP_WAIT)
					.until(() -> context.getBean(CheckoutMtlsConnector.class)
						.identity()
						.thumbprint()
						.equals(leaf.thumbprint()));
				long swappedAt = load.issued();
				rotations.add(new Rotation(leaf.thumbprint(), rotatedAt, swappedAt));
				// Keep the load on this certificate until enough requests started after
				// the swap.
				await().atMost(Duration.ofSeconds(20)).until(() -> load.issued() > swappedAt + 30);
			}
		}
		finally {
			close(load);
		}
		assertThat(load.failures()).isEmpty();
		return rotations;
	}

	// A request started after swap i presents leaf i or a later one, never an earlier
	// one: a load thread may stall between taking its number and starting, so a later
	// swap can overtake it, but no request goes backwards.
	private void assertOnlyNewLeafOnceSettled(List<Rotation> rotations) {
		List<String> order = rotations.stream().map(Rotation::thumbprint).toList();
		List<RecordedExchange> exchanges = apiExchanges();
		for (int i = 0; i < rotations.size(); i++) {
			Rotation rotation = rotations.get(i);
			long from = rotation.swappedAt();
			List<String> allowed = order.subList(i, order.size());
			List<RecordedExchange> started = exchanges.stream()
				.filter((exchange) -> Long.parseLong(exchange.header(RequestLoad.SEQUENCE_HEADER)) > from)
				.toList();
			assertThat(started).as("requests started after swap %d", i + 1)
				.isNotEmpty()
				.allSatisfy((exchange) -> assertThat(exchange.leafThumbprint()).isIn(allowed));
			assertThat(started).as("requests started after swap %d", i + 1)
				.anySatisfy((exchange) -> assertThat(exchange.leafThumbprint()).isEqualTo(rotation.thumbprint()));
		}
	}

	private List<RecordedExchange> apiExchanges() {
		return this.simulator.exchanges().stream().filter((exchange) -> exchange.path().equals(PATH)).toList();
	}

	// The class's fixture in certificate mode; jwt mode gets one of its own on the same
	// PKI, requiring tokens.
	private CheckoutMtlsSimulator simulator(boolean jwt) {
		CheckoutMtlsSimulator started = checkout.simulator();
		if (jwt) {
			this.jwtFixture = SimulatorFixture.builder().pki(this.pki).authMode(AuthMode.JWT, "ack_rotation").start();
			started = this.jwtFixture.simulator();
		}
		started.addPayment("pay_rotation", "Authorized", 1000, "EUR");
		return started;
	}

	private void run(Path certificate, Path privateKey, ContextConsumer<AssertableApplicationContext> consumer,
			String... extraProperties) {
		Path trust = write(this.directory.resolve("simulator-ca.pem"), this.simulator.serverCaPem());
		this.contextRunner
			.withPropertyValues("checkout.mtls.pem.certificate=file:" + certificate,
					"checkout.mtls.pem.private-key=file:" + privateKey, "checkout.mtls.reload.enabled=true",
					"checkout.mtls.reload.check-interval=" + INTERVAL.toMillis() + "ms",
					"checkout.mtls.api-base-url=" + this.simulator.apiBaseUrl(),
					"checkout.mtls.trust.certificates=file:" + trust)
			.withPropertyValues(extraProperties)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				consumer.accept(context);
			});
	}

	private static Path write(Path file, String content) {
		try {
			return Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void close(RequestLoad load) {
		try {
			load.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A rotation, marked by the number of the last request started before the files
	 * changed and before the connector presented the new leaf.
	 */
	private record Rotation(String thumbprint, long rotatedAt, long swappedAt) {

	}

}
