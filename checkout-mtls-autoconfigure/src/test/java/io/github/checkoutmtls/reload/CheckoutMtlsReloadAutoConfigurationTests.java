package io.github.checkoutmtls.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.checkoutmtls.TestContexts;
import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.reload.CheckoutMtlsReloadAutoConfiguration.TokenReloadConfiguration;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.Pem;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.pki.TestPkiFiles;
import io.github.checkoutmtls.token.TokenCache;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link CheckoutMtlsReloadAutoConfiguration}.
 */
class CheckoutMtlsReloadAutoConfigurationTests {

	@TempDir
	Path directory;

	private final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	private final ApplicationContextRunner contextRunner = TestContexts.contextRunner()
		.withConfiguration(AutoConfigurations.of(CheckoutMtlsReloadAutoConfiguration.class));

	@Test
	void withoutReloadOnUpdateDoesNotWatchFiles() {
		this.contextRunner.withPropertyValues(TestContexts.pem(this.pki.writeTo(this.directory)))
			.run((context) -> assertThat(context).hasSingleBean(IdentityReloader.class)
				.doesNotHaveBean(KeyMaterialWatcher.class));
	}

	@Test
	void reloadOnUpdateWatchesKeyMaterialFiles() {
		this.contextRunner.withPropertyValues(TestContexts.pem(this.pki.writeTo(this.directory)))
			.withPropertyValues("checkout.mtls.reload.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(KeyMaterialWatcher.class));
	}

	@Test
	void sslBundleUpdateSwapsInTheNewCertificate() throws Exception {
		TestPkiFiles files = this.pki.writeTo(this.directory);
		this.contextRunner
			.withPropertyValues("checkout.mtls.ssl.bundle=checkout", "spring.ssl.bundle.watch.file.quiet-period=100ms",
					"spring.ssl.bundle.pem.checkout.reload-on-update=true",
					"spring.ssl.bundle.pem.checkout.keystore.certificate=file:" + files.chain(),
					"spring.ssl.bundle.pem.checkout.keystore.private-key=file:" + files.privateKey())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CheckoutMtlsConnector connector = context.getBean(CheckoutMtlsConnector.class);
				assertThat(connector.identity().thumbprint()).isEqualTo(this.pki.leaf().thumbprint());
				CertificateAndKey rotated = this.pki.issueLeaf("merchant.internal", KeyType.EC_P256);
				Files.writeString(files.privateKey(), Pem.privateKey(rotated.privateKey()));
				Files.writeString(files.chain(), Pem.certificates(this.pki.chainFor(rotated)));
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(connector.identity().thumbprint()).isEqualTo(rotated.thumbprint()));
			});
	}

	@Test
	void reloadOnUpdateWithAKeyStoreWatchesTheKeyStoreFile() throws Exception {
		TestPkiFiles files = this.pki.writeTo(this.directory);
		this.contextRunner
			.withPropertyValues("checkout.mtls.keystore.location=file:" + files.pkcs12(),
					"checkout.mtls.keystore.password=" + files.pkcs12Password(), "checkout.mtls.reload.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				KeyMaterialWatcher watcher = context.getBean(KeyMaterialWatcher.class);
				assertThat(watcher.check()).isFalse();
				Files.write(files.pkcs12(), new byte[] { 0x30, 0x00 });
				assertThat(watcher.check()).as("the key store's content changed").isTrue();
				assertThat(context.getBean(IdentityReloader.class).status().failures()).isOne();
			});
	}

	@Test
	void reloadOnUpdateUnderTheDeprecatedNameWatchesKeyMaterialFiles() {
		this.contextRunner.withPropertyValues(TestContexts.pem(this.pki.writeTo(this.directory)))
			.withPropertyValues("checkout.mtls.keystore.reload-on-update=true")
			.run((context) -> assertThat(context).hasSingleBean(KeyMaterialWatcher.class));
	}

	@Test
	void tokenCacheListenerDropsTheTokenOfTheReplacedCertificate() {
		ClientIdentity previous = identity(this.pki.leaf());
		ClientIdentity current = identity(this.pki.issueLeaf("merchant.internal", KeyType.EC_P256));
		TokenCache cache = tokenCache();
		IdentityReloadListener listener = new TokenReloadConfiguration().checkoutMtlsTokenCacheReloadListener(cache);
		listener.identityReloaded(previous, current);
		assertThat(cache.cached()).as("nothing cached yet").isNull();
		AccessToken old = cache.token(previous).block(Duration.ofSeconds(10));
		assertThat(cache.cached()).isSameAs(old);
		listener.identityReloaded(previous, current);
		assertThat(cache.cached()).isNull();
	}

	@Test
	void tokenCacheListenerKeepsATokenAlreadyFetchedWithTheNewCertificate() {
		ClientIdentity previous = identity(this.pki.leaf());
		ClientIdentity current = identity(this.pki.issueLeaf("merchant.internal", KeyType.EC_P256));
		TokenCache cache = tokenCache();
		IdentityReloadListener listener = new TokenReloadConfiguration().checkoutMtlsTokenCacheReloadListener(cache);
		AccessToken fresh = cache.token(current).block(Duration.ofSeconds(10));
		listener.identityReloaded(previous, current);
		assertThat(cache.cached()).isSameAs(fresh);
	}

	private static TokenCache tokenCache() {
		return new TokenCache((identity) -> Mono.just(new AccessToken("token-" + identity.thumbprint(),
				identity.thumbprint(), Instant.now().plusSeconds(3600), Instant.now().plusSeconds(1800))),
				Clock.systemUTC());
	}

	private ClientIdentity identity(CertificateAndKey leaf) {
		return ClientIdentity.of(this.pki.chainFor(leaf), leaf.privateKey(), "test=" + leaf.thumbprint());
	}

}
