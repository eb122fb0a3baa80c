package io.github.checkoutmtls.reload;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.connector.TestConnectors;
import io.github.checkoutmtls.identity.CertificateChecks;
import io.github.checkoutmtls.identity.ClientIdentityLoader;
import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KeyMaterialWatcher} as a lifecycle bean: its checks run on one daemon
 * thread between {@code start} and {@code stop}. Each scheduled check reads the files
 * through a resource loader that reports the thread it was called on, so no test waits
 * for a time to pass.
 */
class KeyMaterialWatcherLifecycleTests {

	@TempDir
	Path directory;

	private final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	// The threads that read the key material after the watcher was created.
	private final BlockingQueue<Thread> reads = new LinkedBlockingQueue<>();

	private final AtomicInteger failuresToThrow = new AtomicInteger();

	private CheckoutMtlsConnector connector;

	private KeyMaterialWatcher watcher;

	private volatile boolean recording;

	@BeforeEach
	void setUp() {
		SecretVolume volume = new SecretVolume(this.directory, this.pki);
		volume.moveCombined(this.pki.leaf());
		String location = "file:" + volume.combined();
		ClientIdentityLoader loader = ClientIdentityLoader.pem(new DefaultResourceLoader(), location, location, null);
		CertificateChecks checks = new CertificateChecks("merchant.internal", Duration.ofDays(30), Clock.systemUTC());
		this.connector = TestConnectors.presenting(checks.enforce(loader.load()), Duration.ofSeconds(5), List.of());
		IdentityReloader reloader = new IdentityReloader(loader, checks, this.connector, List.of(), Clock.systemUTC());
		this.watcher = new KeyMaterialWatcher(new RecordingResourceLoader(), List.of(location), Duration.ofMillis(1),
				reloader);
		this.recording = true;
	}

	@AfterEach
	void tearDown() {
		this.watcher.stop();
		this.connector.destroy();
	}

	@Test
	void isRunningOnlyBetweenStartAndStop() {
		assertThat(this.watcher.isRunning()).isFalse();
		this.watcher.start();
		assertThat(this.watcher.isRunning()).isTrue();
		this.watcher.stop();
		assertThat(this.watcher.isRunning()).isFalse();
		this.watcher.stop();
		assertThat(this.watcher.isRunning()).isFalse();
	}

	@Test
	void startChecksOnOneDaemonThreadSoTheWatcherNeverKeepsTheJvmAlive() throws InterruptedException {
		this.watcher.start();
		Thread first = next();
		Thread second = next();
		assertThat(first).isSameAs(second).isNotSameAs(Thread.currentThread());
		assertThat(first.getName()).isEqualTo("checkout-mtls-reload");
		assertThat(first.isDaemon()).isTrue();
	}

	@Test
	void startWhenAlreadyRunningKeepsTheThreadItStarted() throws InterruptedException {
		this.watcher.start();
		Thread checking = next();
		this.watcher.start();
		this.reads.clear();
		assertThat(next()).isSameAs(checking);
		this.watcher.stop();
		checking.join(TimeUnit.SECONDS.toMillis(30));
		assertThat(checking.isAlive()).as("the only checking thread ends on stop").isFalse();
	}

	@Test
	void checkThatThrowsDoesNotCancelTheLaterChecks() throws InterruptedException {
		this.failuresToThrow.set(2);
		this.watcher.start();
		next();
		next();
		Thread afterFailures = next();
		assertThat(this.failuresToThrow).hasValue(0);
		assertThat(afterFailures.getName()).isEqualTo("checkout-mtls-reload");
	}

	@Test
	void stopEndsTheCheckingThread() throws InterruptedException {
		this.watcher.start();
		Thread checking = next();
		this.watcher.stop();
		checking.join(TimeUnit.SECONDS.toMillis(30));
		assertThat(checking.isAlive()).isFalse();
	}

	private Thread next() throws InterruptedException {
		Thread thread = this.reads.poll(30, TimeUnit.SECONDS);
		assertThat(thread).as("a scheduled check read the key material").isNotNull();
		return thread;
	}

	private final class RecordingResourceLoader implements ResourceLoader {

		private final ResourceLoader delegate = new DefaultResourceLoader();

		@Override
		public Resource getResource(String location) {
			KeyMaterialWatcherLifecycleTests test = KeyMaterialWatcherLifecycleTests.this;
			if (test.recording) {
				test.reads.add(Thread.currentThread());
				if (test.failuresToThrow.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
					throw new IllegalStateException("cannot read " + location);
				}
			}
			return this.delegate.getResource(location);
		}

		@Override
		public ClassLoader getClassLoader() {
			return this.delegate.getClassLoader();
		}

	}

}
