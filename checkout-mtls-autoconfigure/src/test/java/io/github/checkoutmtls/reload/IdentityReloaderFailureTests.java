package io.github.checkoutmtls.reload;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
import io.github.checkoutmtls.reload.IdentityReloader.Attempt;
import io.github.checkoutmtls.reload.IdentityReloader.ReloadStatus;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IdentityReloader} when loading fails with something other than a
 * configuration problem, and when a listener fails.
 */
@ExtendWith(OutputCaptureExtension.class)
class IdentityReloaderFailureTests {

	@TempDir
	Path directory;

	private final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final CertificateChecks checks = new CertificateChecks("merchant.internal", Duration.ofDays(30),
			Clock.systemUTC());

	private SecretVolume volume;

	private volatile RuntimeException failure;

	private ClientIdentityLoader files;

	private CheckoutMtlsConnector connector;

	@BeforeEach
	void setUp() {
		this.volume = new SecretVolume(this.directory, this.pki);
		this.volume.moveCombined(this.pki.leaf());
		String combined = this.volume.combined().toString();
		this.files = ClientIdentityLoader.pem(new DefaultResourceLoader(), combined, combined, null);
		this.connector = TestConnectors.presenting(this.checks.enforce(this.files.load()), Duration.ofSeconds(5),
				List.of());
	}

	@AfterEach
	void destroy() {
		this.connector.destroy();
	}

	@Test
	void failureWithoutAMessageIsNamedByItsType(CapturedOutput output) {
		IdentityReloader reloader = reloader(List.of(new Recording("listener")));
		ClientIdentity previous = this.connector.identity();
		this.failure = new IllegalStateException();
		assertThat(reloader.attempt(false)).isEqualTo(Attempt.FAILED);
		assertThat(reloader.status().lastProblem()).isEqualTo("java.lang.IllegalStateException");
		assertThat(reloader.status().failures()).isOne();
		assertThat(this.connector.identity()).isSameAs(previous);
		assertThat(this.events).containsExactly("listener failed java.lang.IllegalStateException");
		assertThat(output).contains("x5t#S256=" + previous.thumbprint() + ". java.lang.IllegalStateException");
		assertThat(reloader.attempt(true)).as("the same failure retried").isEqualTo(Attempt.FAILED);
		assertThat(reloader.status().failures()).as("not counted again").isOne();
		assertThat(this.events).hasSize(1);
	}

	@Test
	void failureThatIsNotAConfigurationProblemIsLoggedWithItsStackTrace(CapturedOutput output) {
		IdentityReloader reloader = reloader(List.of(new Recording("listener")));
		this.failure = new IllegalStateException("volume not mounted");
		assertThat(reloader.reload()).isFalse();
		assertThat(reloader.status().lastOutcome()).isEqualTo(ReloadStatus.Outcome.FAILURE);
		assertThat(reloader.status().lastProblem()).isEqualTo("volume not mounted");
		assertThat(output).contains("ERROR")
			.contains("still presenting CN='merchant.internal', serial=" + this.connector.identity().serialNumber())
			.contains(". volume not mounted")
			.contains("java.lang.IllegalStateException: volume not mounted")
			.contains("\tat io.github.checkoutmtls.reload.IdentityReloaderFailureTests")
			.doesNotContain("Action:");
		assertThat(this.events).containsExactly("listener failed volume not mounted");
	}

	@Test
	void differentFailureOnRetryIsReportedAgain() {
		IdentityReloader reloader = reloader(List.of(new Recording("listener")));
		this.failure = new IllegalStateException("volume not mounted");
		assertThat(reloader.attempt(false)).isEqualTo(Attempt.FAILED);
		this.failure = new IllegalStateException("permission denied");
		assertThat(reloader.attempt(true)).isEqualTo(Attempt.FAILED);
		assertThat(reloader.status().failures()).isEqualTo(2);
		assertThat(reloader.status().lastProblem()).isEqualTo("permission denied");
		assertThat(this.events).containsExactly("listener failed volume not mounted",
				"listener failed permission denied");
	}

	@Test
	void listenerThatThrowsNeitherUndoesTheSwapNorKeepsTheNextListenerFromHearingOfIt(CapturedOutput output) {
		IdentityReloadListener throwing = new IdentityReloadListener() {

			@Override
			public void identityReloaded(ClientIdentity previous, ClientIdentity current) {
				throw new IllegalStateException("listener broke");
			}

			@Override
			public String toString() {
				return "throwing listener";
			}

		};
		IdentityReloader reloader = reloader(List.of(throwing, new Recording("second")));
		CertificateAndKey leaf = this.pki.issueLeaf("merchant.internal", KeyType.EC_P256);
		this.volume.moveCombined(leaf);
		assertThat(reloader.attempt(false)).isEqualTo(Attempt.SWAPPED);
		assertThat(this.connector.identity().thumbprint()).isEqualTo(leaf.thumbprint());
		assertThat(this.events).containsExactly("second reloaded " + leaf.thumbprint());
		assertThat(reloader.status().successes()).isOne();
		assertThat(output).contains("WARN").contains("Checkout mTLS reload listener throwing listener failed");
	}

	private IdentityReloader reloader(List<IdentityReloadListener> listeners) {
		ClientIdentityLoader loader = () -> {
			RuntimeException thrown = this.failure;
			if (thrown != null) {
				throw thrown;
			}
			return this.files.load();
		};
		return new IdentityReloader(loader, this.checks, this.connector, listeners, Clock.systemUTC());
	}

	private final class Recording implements IdentityReloadListener {

		private final String name;

		Recording(String name) {
			this.name = name;
		}

		@Override
		public void identityReloaded(ClientIdentity previous, ClientIdentity current) {
			IdentityReloaderFailureTests.this.events.add(this.name + " reloaded " + current.thumbprint());
		}

		@Override
		public void reloadFailed(ClientIdentity current, RuntimeException failure) {
			IdentityReloaderFailureTests.this.events.add(this.name + " failed "
					+ ((failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getName()));
		}

	}

}
