package io.github.checkoutmtls.reload;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;

import io.github.checkoutmtls.connector.TestConnectors;
import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.identity.CertificateChecks;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.identity.ClientIdentityLoader;
import io.github.checkoutmtls.reload.IdentityReloader.Attempt;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.Pem;
import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Adversarial tests of the reload path: material changing under the watcher, builds and
 * listeners that fail, the watcher's baseline.
 */
class AdversarialReloadTests {

	@TempDir
	Path directory;

	private final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	private final CertificateChecks checks = new CertificateChecks("merchant.internal", Duration.ofDays(30),
			Clock.systemUTC());

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final AtomicBoolean breakBuilds = new AtomicBoolean();

	private volatile Throwable buildFailure;

	private final java.util.concurrent.atomic.AtomicInteger failedBuilds = new java.util.concurrent.atomic.AtomicInteger();

	private SecretVolume volume;

	private ClientIdentityLoader loader;

	private CheckoutMtlsConnector connector;

	private KeyMaterialWatcher watcher;

	@BeforeEach
	void setUp() {
		this.volume = new SecretVolume(this.directory, this.pki);
		this.volume.moveCombined(this.pki.leaf());
		String combined = this.volume.combined().toString();
		this.loader = ClientIdentityLoader.pem(new DefaultResourceLoader(), combined, combined, null);
		this.connector = TestConnectors.buildingWith(this.checks.enforce(this.loader.load()), (identity) -> {
			Throwable failure = this.buildFailure;
			if (failure != null) {
				this.failedBuilds.incrementAndGet();
			}
			if (failure instanceof Error error) {
				throw error;
			}
			if (failure instanceof RuntimeException ex) {
				throw ex;
			}
		});
	}

	@AfterEach
	void tearDown() {
		if (this.watcher != null) {
			this.watcher.stop();
		}
		this.connector.destroy();
	}

	// The connector loads the material when its bean is created; the watcher takes its
	// baseline when its own bean is created, later. A rotation in between is never seen.
	@Test
	void rotationBetweenTheConnectorsLoadAndTheWatchersBaselineIsPickedUp() {
		IdentityReloader reloader = reloader(List.of());
		CertificateAndKey next = this.pki.issueLeaf("merchant.internal", KeyType.EC_P256);
		this.volume.moveCombined(next);
		this.watcher = new KeyMaterialWatcher(new DefaultResourceLoader(), List.of(this.volume.combined().toString()),
				Duration.ofSeconds(10), reloader);
		this.watcher.check();
		this.watcher.check();
		assertThat(this.connector.identity().thumbprint())
			.as("presented after the files changed to %s", next.thumbprint())
			.isEqualTo(next.thumbprint());
	}

	// A TLS provider's native library failing to load is an Error (the warm-up catches
	// "RuntimeException | Error" for it): a swap that fails so must be a failed reload,
	// not the end of every later check.
	@Test
	void swapWhosePoolBuildFailsWithAnErrorIsAFailedReloadAndLaterRotationsStillSwapIn() {
		IdentityReloader reloader = reloader(List.of());
		this.watcher = new KeyMaterialWatcher(new DefaultResourceLoader(), List.of(this.volume.combined().toString()),
				Duration.ofMillis(100), reloader);
		this.watcher.start();
		this.buildFailure = new UnsatisfiedLinkError("no netty_tcnative in java.library.path");
		this.volume.moveCombined(this.pki.issueLeaf("merchant.internal", KeyType.EC_P256));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.failedBuilds.get() > 0);
		this.buildFailure = null;
		CertificateAndKey next = this.pki.issueLeaf("merchant.internal", KeyType.EC_P256);
		this.volume.moveCombined(next);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.connector.identity().thumbprint())
				.as("swapped in by a later check (reload status: %s)", reloader.status())
				.isEqualTo(next.thumbprint()));
	}

	@Test
	void listenerThatThrowsAnErrorDoesNotEndTheLaterChecks() {
		IdentityReloadListener throwing = new IdentityReloadListener() {
			@Override
			public void identityReloaded(ClientIdentity previous, ClientIdentity current) {
				throw new AssertionError("listener bug");
			}
		};
		IdentityReloader reloader = reloader(List.of(throwing));
		this.watcher = new KeyMaterialWatcher(new DefaultResourceLoader(), List.of(this.volume.combined().toString()),
				Duration.ofMillis(100), reloader);
		this.watcher.start();
		CertificateAndKey first = this.pki.issueLeaf("merchant.internal", KeyType.EC_P256);
		this.volume.moveCombined(first);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.connector.identity().thumbprint().equals(first.thumbprint()));
		CertificateAndKey second = this.pki.issueLeaf("merchant.internal", KeyType.EC_P256);
		this.volume.moveCombined(second);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.connector.identity().thumbprint()).as("second rotation swapped in")
				.isEqualTo(second.thumbprint()));
	}

	@Test
	void keyThatDoesNotMatchTheCertificateIsRefusedAndTheOldIdentityStays() {
		IdentityReloader reloader = reloader(List.of());
		String previous = this.connector.identity().thumbprint();
		CertificateAndKey next = this.pki.issueLeaf("merchant.internal", KeyType.EC_P256);
		CertificateAndKey other = this.pki.issueLeaf("merchant.internal", KeyType.EC_P256);
		this.volume.moveCombined(Pem.certificates(this.pki.chainFor(next)) + Pem.privateKey(other.privateKey()));
		assertThat(reloader.attempt(false)).isEqualTo(Attempt.FAILED);
		assertThat(this.connector.identity().thumbprint()).isEqualTo(previous);
	}

	@Test
	void halfWrittenThenDeletedThenCompletedMaterialSwapsInOnce() throws Exception {
		IdentityReloader reloader = reloader(List.of());
		this.watcher = new KeyMaterialWatcher(new DefaultResourceLoader(), List.of(this.volume.combined().toString()),
				Duration.ofSeconds(10), reloader);
		CertificateAndKey next = this.pki.issueLeaf("merchant.internal", KeyType.EC_P256);
		String full = Pem.certificates(this.pki.chainFor(next)) + Pem.privateKey(next.privateKey());
		java.nio.file.Files.writeString(this.volume.combined(), full.substring(0, full.length() / 2));
		assertThat(this.watcher.check()).isTrue();
		java.nio.file.Files.delete(this.volume.combined());
		assertThat(this.watcher.check()).isTrue();
		assertThat(this.watcher.check()).isFalse();
		java.nio.file.Files.writeString(this.volume.combined(), full);
		assertThat(this.watcher.check()).isTrue();
		assertThat(this.connector.identity().thumbprint()).isEqualTo(next.thumbprint());
		assertThat(reloader.status().successes()).isOne();
		assertThat(reloader.status().failures()).isEqualTo(2);
	}

	private IdentityReloader reloader(List<IdentityReloadListener> listeners) {
		return new IdentityReloader(this.loader, this.checks, this.connector, listeners, Clock.systemUTC());
	}

}
