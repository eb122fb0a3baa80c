package io.github.checkoutmtls.reload;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.DefaultResourceLoader;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.connector.TestConnectors;
import io.github.checkoutmtls.identity.CertificateChecks;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.identity.ClientIdentityLoader;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KeyMaterialWatcher} retrying material that failed its checks, on a
 * clock the test moves: the checks are called directly, as the watcher's interval would.
 */
@ExtendWith(OutputCaptureExtension.class)
class KeyMaterialWatcherRetryTests {

	@TempDir
	Path directory;

	private final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	private final SteppedClock clock = new SteppedClock(Instant.now());

	private final List<String> failures = new CopyOnWriteArrayList<>();

	private SecretVolume volume;

	private CheckoutMtlsConnector connector;

	private IdentityReloader reloader;

	private KeyMaterialWatcher watcher;

	@BeforeEach
	void setUp() {
		this.volume = new SecretVolume(this.directory, this.pki);
		this.volume.moveCombined(this.pki.leaf());
		String combined = this.volume.combined().toString();
		ClientIdentityLoader loader = ClientIdentityLoader.pem(new DefaultResourceLoader(), combined, combined, null);
		CertificateChecks checks = new CertificateChecks("merchant.internal", Duration.ofDays(30), this.clock);
		this.connector = TestConnectors.presenting(checks.enforce(loader.load()), Duration.ofSeconds(5), List.of());
		IdentityReloadListener listener = new IdentityReloadListener() {
			@Override
			public void reloadFailed(ClientIdentity current, RuntimeException failure) {
				KeyMaterialWatcherRetryTests.this.failures.add(failure.getMessage());
			}
		};
		this.reloader = new IdentityReloader(loader, checks, this.connector, List.of(listener), this.clock);
		this.watcher = new KeyMaterialWatcher(new DefaultResourceLoader(), List.of(combined), Duration.ofSeconds(10),
				this.reloader);
	}

	@AfterEach
	void destroy() {
		this.connector.destroy();
	}

	@Test
	void checkWhenRotatedCertificateIsNotYetValidSwapsItInOnceValidWithoutAnotherFileChange(CapturedOutput output) {
		Instant notBefore = this.clock.instant().plus(Duration.ofHours(1));
		CertificateAndKey future = this.pki.issueLeaf("merchant.internal", KeyType.EC_P256, notBefore,
				notBefore.plus(Duration.ofDays(90)));
		String previous = this.connector.identity().thumbprint();
		this.volume.moveCombined(future);
		assertThat(this.watcher.check()).isTrue();
		assertThat(this.connector.identity().thumbprint()).as("not valid yet: the old one stays").isEqualTo(previous);
		this.clock.advance(Duration.ofMinutes(30));
		assertThat(this.watcher.check()).as("unchanged file").isFalse();
		assertThat(this.connector.identity().thumbprint()).isEqualTo(previous);
		this.clock.advance(Duration.ofMinutes(31));
		this.watcher.check();
		assertThat(this.connector.identity().thumbprint()).isEqualTo(future.thumbprint());
		assertThat(this.failures).as("the same failure is reported once, not at every retry").hasSize(1);
		assertThat(output.getOut().split("is not valid before", -1)).as("logged once").hasSize(2);
		assertThat(this.reloader.status().successes()).isOne();
	}

	@Test
	void checkAfterSuccessfulSwapDoesNotReloadAgainUntilTheFileChanges() {
		CertificateAndKey next = this.pki.issueLeaf("merchant.internal", KeyType.EC_P256);
		this.volume.moveCombined(next);
		assertThat(this.watcher.check()).isTrue();
		assertThat(this.connector.identity().thumbprint()).isEqualTo(next.thumbprint());
		assertThat(this.watcher.check()).isFalse();
		assertThat(this.reloader.status().successes()).isOne();
		assertThat(this.failures).isEmpty();
	}

	/**
	 * A clock that the test moves.
	 */
	static final class SteppedClock extends Clock {

		private volatile Instant now;

		SteppedClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
