package io.github.checkoutmtls.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.DefaultResourceLoader;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.connector.ScriptedConnector;
import io.github.checkoutmtls.connector.TestConnectors;
import io.github.checkoutmtls.identity.CertificateChecks;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.identity.ClientIdentityLoader;
import io.github.checkoutmtls.test.pki.Pem;
import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watcher's first check, which reads the material again even when it looks unchanged.
 */
@ExtendWith(OutputCaptureExtension.class)
class KeyMaterialWatcherFirstCheckTests {

	@TempDir
	Path dir;

	// Unchanged material: the first check reads it again, but logs no startup WARN a
	// second time (here the expiry warning).
	@Test
	void firstCheckOfUnchangedMaterialLogsNothingNew(CapturedOutput output) throws Exception {
		TestPki pki = TestPki.builder().commonName("merchant.internal").build();
		Path cert = Files.writeString(this.dir.resolve("chain.pem"), Pem.certificates(pki.chain()));
		Files.writeString(this.dir.resolve("key.pem"), Pem.privateKey(pki.leaf().privateKey()));
		ClientIdentity startup = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");
		AtomicInteger loads = new AtomicInteger();
		ClientIdentityLoader loader = () -> {
			loads.incrementAndGet();
			return ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");
		};
		// Warns for any leaf expiring within 100000 days, i.e. always.
		CertificateChecks checks = new CertificateChecks(null, Duration.ofDays(100_000), Clock.systemUTC());
		CheckoutMtlsConnector connector = TestConnectors.over(checks.enforce(startup), new ScriptedConnector());
		try {
			IdentityReloader reloader = new IdentityReloader(loader, checks, connector, List.of(), Clock.systemUTC());
			KeyMaterialWatcher watcher = new KeyMaterialWatcher(new DefaultResourceLoader(),
					List.of("file:" + cert, "file:" + this.dir.resolve("key.pem")), Duration.ofSeconds(1), reloader);
			int before = output.getAll().split("Checkout mTLS client certificate:", -1).length;
			assertThat(watcher.check()).isFalse();
			int after = output.getAll().split("Checkout mTLS client certificate:", -1).length;
			assertThat(loads).as("the first check reloads, as intended").hasValue(1);
			assertThat(after).as("startup warnings logged again").isEqualTo(before);
		}
		finally {
			connector.destroy();
		}
	}

}
