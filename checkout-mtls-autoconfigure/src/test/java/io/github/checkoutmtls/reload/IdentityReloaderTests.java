package io.github.checkoutmtls.reload;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
import io.github.checkoutmtls.reload.IdentityReloader.ReloadStatus;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.Pem;
import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IdentityReloader}.
 */
@ExtendWith(OutputCaptureExtension.class)
class IdentityReloaderTests {

	@TempDir
	Path directory;

	private final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	private final List<String> events = new ArrayList<>();

	private SecretVolume volume;

	private CheckoutMtlsConnector connector;

	private IdentityReloader reloader;

	@BeforeEach
	void setUp() {
		this.volume = new SecretVolume(this.directory, this.pki);
		this.volume.moveCombined(this.pki.leaf());
		ClientIdentityLoader loader = ClientIdentityLoader.pem(new DefaultResourceLoader(),
				this.volume.combined().toString(), this.volume.combined().toString(), null);
		CertificateChecks checks = new CertificateChecks("merchant.internal", Duration.ofDays(30), Clock.systemUTC());
		this.connector = TestConnectors.presenting(checks.enforce(loader.load()), Duration.ofSeconds(5), List.of());
		this.reloader = new IdentityReloader(loader, checks, this.connector, List.of(new RecordingListener()),
				Clock.systemUTC());
	}

	@AfterEach
	void destroy() {
		this.connector.destroy();
	}

	@Test
	void reloadWhenNewLeafPassesChecksSwapsItInAndTellsListeners() {
		ClientIdentity previous = this.connector.identity();
		CertificateAndKey leaf = this.pki.issueLeaf("merchant.internal", KeyType.EC_P256);
		this.volume.moveCombined(leaf);
		assertThat(this.reloader.reload()).isTrue();
		assertThat(this.connector.identity().thumbprint()).isEqualTo(leaf.thumbprint());
		assertThat(this.events).containsExactly("reloaded " + previous.thumbprint() + " -> " + leaf.thumbprint());
		ReloadStatus status = this.reloader.status();
		assertThat(status.lastOutcome()).isEqualTo(ReloadStatus.Outcome.SUCCESS);
		assertThat(status.successes()).isOne();
		assertThat(status.lastSuccess()).isEqualTo(status.lastAttempt()).isNotNull();
	}

	@Test
	void reloadWhenPemIsTruncatedKeepsOldIdentityLogsErrorAndCountsFailure(CapturedOutput output) {
		ClientIdentity previous = this.connector.identity();
		CertificateAndKey leaf = this.pki.issueLeaf("merchant.internal", KeyType.EC_P256);
		String pem = Pem.certificates(this.pki.chainFor(leaf)) + Pem.privateKey(leaf.privateKey());
		this.volume.moveCombined(pem.substring(0, pem.length() / 3));
		assertThat(this.reloader.reload()).isFalse();
		assertThat(this.connector.identity()).isSameAs(previous);
		assertThat(this.reloader.status().lastOutcome()).isEqualTo(ReloadStatus.Outcome.FAILURE);
		assertThat(this.reloader.status().failures()).isOne();
		assertThat(this.reloader.status().lastProblem()).contains("checkout.mtls.pem");
		assertThat(output).contains("ERROR")
			.contains(
					"Reloading the Checkout mTLS client certificate failed; still presenting CN='merchant.internal', serial="
							+ previous.serialNumber());
		assertThat(this.events).containsExactly("failed " + previous.thumbprint());
	}

	@Test
	void reloadWhenKeyDoesNotMatchKeepsOldIdentityThenPicksUpNextGoodFile(CapturedOutput output) {
		ClientIdentity previous = this.connector.identity();
		CertificateAndKey leaf = this.pki.issueLeaf("merchant.internal", KeyType.EC_P256);
		CertificateAndKey other = this.pki.issueLeaf("merchant.internal", KeyType.EC_P256);
		this.volume.moveCombined(Pem.certificates(this.pki.chainFor(leaf)) + Pem.privateKey(other.privateKey()));
		assertThat(this.reloader.reload()).isFalse();
		assertThat(this.connector.identity()).isSameAs(previous);
		assertThat(output).contains("Action:").doesNotContain("PRIVATE KEY");
		this.volume.moveCombined(leaf);
		assertThat(this.reloader.reload()).isTrue();
		assertThat(this.connector.identity().thumbprint()).isEqualTo(leaf.thumbprint());
		assertThat(this.reloader.status().failures()).isOne();
		assertThat(this.reloader.status().successes()).isOne();
	}

	@Test
	void reloadWhenNewLeafFailsAStartupCheckKeepsOldIdentity(CapturedOutput output) {
		ClientIdentity previous = this.connector.identity();
		this.volume.moveCombined(this.pki.issueLeaf("someone.else", KeyType.EC_P256));
		assertThat(this.reloader.reload()).isFalse();
		assertThat(this.connector.identity()).isSameAs(previous);
		assertThat(output).contains("checkout.mtls.expected-common-name");
	}

	@Test
	void reloadWhenChainIsUnchangedDoesNotSwap() {
		ClientIdentity previous = this.connector.identity();
		this.volume.moveCombined(this.pki.leaf());
		assertThat(this.reloader.reload()).isFalse();
		assertThat(this.connector.identity()).isSameAs(previous);
		assertThat(this.reloader.status()).isEqualTo(ReloadStatus.none());
		assertThat(this.events).isEmpty();
	}

	private final class RecordingListener implements IdentityReloadListener {

		@Override
		public void identityReloaded(ClientIdentity previous, ClientIdentity current) {
			IdentityReloaderTests.this.events.add("reloaded " + previous.thumbprint() + " -> " + current.thumbprint());
		}

		@Override
		public void reloadFailed(ClientIdentity current, RuntimeException failure) {
			IdentityReloaderTests.this.events.add("failed " + current.thumbprint());
		}

	}

}
