package io.github.checkoutmtls.autoconfigure;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.TestContexts;
import io.github.checkoutmtls.CheckoutMtlsConfigurationException;
import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.connector.TlsProvider;
import io.github.checkoutmtls.identity.CertificateChecks;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.identity.ClientIdentityLoader;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.pki.TestPkiFiles;
import io.github.checkoutmtls.token.TokenCache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CheckoutMtlsAutoConfiguration}.
 */
class CheckoutMtlsAutoConfigurationTests {

	@TempDir
	static Path directory;

	static TestPki pki;

	static TestPkiFiles files;

	private final ApplicationContextRunner contextRunner = TestContexts.contextRunner();

	@BeforeAll
	static void writePki() {
		pki = TestPki.builder().commonName("merchant.internal").build();
		files = pki.writeTo(directory);
	}

	static String[] pem() {
		return new String[] { "checkout.mtls.pem.certificate=file:" + files.chain(),
				"checkout.mtls.pem.private-key=file:" + files.privateKey() };
	}

	@Test
	void defaultsCallSandboxApiHostInCertificateMode() {
		this.contextRunner.withPropertyValues(pem()).run((context) -> {
			assertThat(context).hasNotFailed().hasBean("checkoutWebClient").hasSingleBean(CheckoutMtlsConnector.class);
			assertThat(context.getBean(CheckoutMtlsHosts.class))
				.isEqualTo(new CheckoutMtlsHosts(URI.create("https://mtls.api.sandbox.checkout.com"),
						URI.create("https://mtls.access.sandbox.checkout.com")));
			assertThat(context).doesNotHaveBean(TokenCache.class);
			ClientIdentity identity = context.getBean(CheckoutMtlsConnector.class).identity();
			assertThat(identity.commonName()).isEqualTo("merchant.internal");
			assertThat(identity.chain()).containsExactlyElementsOf(pki.chain());
		});
	}

	@Test
	void productionEnvironmentUsesProductionHosts() {
		this.contextRunner.withPropertyValues(pem())
			.withPropertyValues("checkout.mtls.environment=production")
			.run((context) -> assertThat(context.getBean(CheckoutMtlsHosts.class)).isEqualTo(new CheckoutMtlsHosts(
					URI.create("https://mtls.api.checkout.com"), URI.create("https://mtls.access.checkout.com"))));
	}

	@Test
	void propertiesBind() {
		this.contextRunner.withPropertyValues(pem())
			.withPropertyValues("checkout.mtls.api-base-url=https://api.example.test",
					"checkout.mtls.http.connect-timeout=2s", "checkout.mtls.http.response-timeout=75s",
					"checkout.mtls.http.max-connections=7", "checkout.mtls.certificate.expiry-warning=14d",
					"checkout.mtls.jwt.scopes=gateway,vault", "checkout.mtls.http.tls-provider=jdk")
			.run((context) -> {
				CheckoutMtlsProperties properties = context.getBean(CheckoutMtlsProperties.class);
				assertThat(properties.getHttp().getConnectTimeout()).hasSeconds(2);
				assertThat(properties.getHttp().getResponseTimeout()).hasSeconds(75);
				assertThat(properties.getHttp().getMaxConnections()).isEqualTo(7);
				assertThat(properties.getHttp().getTlsProvider()).isEqualTo(TlsProvider.JDK);
				assertThat(properties.getCertificate().getExpiryWarning()).hasDays(14);
				assertThat(properties.getJwt().getScopes()).containsExactly("gateway", "vault");
				assertThat(context.getBean(CheckoutMtlsHosts.class).apiBaseUrl())
					.isEqualTo(URI.create("https://api.example.test"));
			});
	}

	@Test
	void disabledDefinesNothing() {
		this.contextRunner.withPropertyValues("checkout.mtls.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean("checkoutWebClient").doesNotHaveBean(CheckoutMtlsConnector.class);
		});
	}

	@Test
	void startupWhenNoKeyMaterialFailsNamingProperties() {
		this.contextRunner.run((context) -> assertFailure(context.getStartupFailure(), KeyMaterialSourceException.class,
				"checkout.mtls.pem.certificate"));
	}

	@Test
	void startupWhenTwoSourcesAreSetFailsNamingBoth() {
		this.contextRunner.withPropertyValues(pem())
			.withPropertyValues("checkout.mtls.keystore.location=file:" + files.pkcs12())
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(MutuallyExclusiveConfigurationPropertiesException.class)
				.satisfies((
						ex) -> assertThat(((MutuallyExclusiveConfigurationPropertiesException) ex).getConfiguredNames())
							.containsExactlyInAnyOrder("checkout.mtls.pem.certificate",
									"checkout.mtls.keystore.location")));
	}

	@Test
	void startupWhenPrivateKeyIsMissingFailsNamingIt() {
		this.contextRunner.withPropertyValues("checkout.mtls.pem.certificate=file:" + files.chain())
			.run((context) -> assertFailure(context.getStartupFailure(), KeyMaterialSourceException.class,
					"checkout.mtls.pem.private-key"));
	}

	@Test
	void startupWhenFileIsMissingFailsNamingIt() {
		this.contextRunner
			.withPropertyValues("checkout.mtls.pem.certificate=file:/nonexistent/chain.pem",
					"checkout.mtls.pem.private-key=file:" + files.privateKey())
			.run((context) -> assertFailure(context.getStartupFailure(), "Key material file does not exist",
					"checkout.mtls.pem.certificate"));
	}

	@Test
	void startupWhenPrivateKeyPropertyHoldsPemFailsWithoutQuotingIt() throws Exception {
		String pem = java.nio.file.Files.readString(files.privateKey());
		this.contextRunner
			.withPropertyValues("checkout.mtls.pem.certificate=file:" + files.chain(),
					"checkout.mtls.pem.private-key=" + pem)
			.run((context) -> {
				CheckoutMtlsConfigurationException failure = assertFailure(context.getStartupFailure(),
						"The property holds PEM content instead of a location", "checkout.mtls.pem.private-key");
				assertThat(failure.getValue()).isNull();
				assertThat(failure.getMessage()).doesNotContain("PRIVATE KEY");
				assertThat(failure.getAction()).contains("file:");
			});
	}

	@Test
	void startupWhenBaseUrlIsHttpFails() {
		this.contextRunner.withPropertyValues(pem())
			.withPropertyValues("checkout.mtls.api-base-url=http://mtls.api.sandbox.checkout.com")
			.run((context) -> assertInvalidProperty(context.getStartupFailure(), "checkout.mtls.api-base-url"));
	}

	@Test
	void startupWhenAccessBaseUrlIsHttpFails() {
		this.contextRunner.withPropertyValues(pem())
			.withPropertyValues("checkout.mtls.access-base-url=http://localhost:8080")
			.run((context) -> assertInvalidProperty(context.getStartupFailure(), "checkout.mtls.access-base-url"));
	}

	@Test
	void startupWhenOpenSslProviderIsMissingFailsNamingTheDependency() {
		this.contextRunner.withPropertyValues(pem())
			.withPropertyValues("checkout.mtls.http.tls-provider=openssl")
			.run((context) -> assertFailure(context.getStartupFailure(), "The OpenSSL TLS provider is not available",
					"checkout.mtls.http.tls-provider"));
	}

	@Test
	void startupWhenCommonNameDiffersFails() {
		this.contextRunner.withPropertyValues(pem())
			.withPropertyValues("checkout.mtls.expected-common-name=merchant.example")
			.run((context) -> assertFailure(context.getStartupFailure(),
					"but the CN registered with Checkout is 'merchant.example'", "checkout.mtls.expected-common-name"));
	}

	@Test
	void startupWhenEnvironmentIsUnknownFailsListingValidValues() {
		this.contextRunner.withPropertyValues(pem())
			.withPropertyValues("checkout.mtls.environment=staging")
			.run((context) -> assertBindFailure(context.getStartupFailure(), "checkout.mtls.environment"));
	}

	@Test
	void startupWhenAuthModeIsUnknownFails() {
		this.contextRunner.withPropertyValues(pem())
			.withPropertyValues("checkout.mtls.auth-mode=oauth")
			.run((context) -> assertBindFailure(context.getStartupFailure(), "checkout.mtls.auth-mode"));
	}

	@Test
	void backsOffFromUserWebClient() {
		this.contextRunner.withPropertyValues(pem()).withUserConfiguration(UserWebClient.class).run((context) -> {
			assertThat(context.getBean("checkoutWebClient")).isSameAs(UserWebClient.CLIENT);
		});
	}

	@Test
	void backsOffFromUserIdentityLoaderAndChecks() {
		this.contextRunner.withUserConfiguration(UserIdentity.class).run((context) -> {
			assertThat(context).hasNotFailed().hasBean("checkoutWebClient");
			assertThat(context.getBean(CheckoutMtlsConnector.class).identity().commonName())
				.isEqualTo("merchant.internal");
			assertThat(context.getBean(CertificateChecks.class)).isSameAs(UserIdentity.CHECKS);
		});
	}

	@Test
	void customizerAdjustsCheckoutWebClient() {
		this.contextRunner.withPropertyValues(pem()).withUserConfiguration(UserCustomizer.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(UserCustomizer.customized).isTrue();
		});
	}

	@Test
	void worksWithoutBootWebClientAutoConfiguration() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CheckoutMtlsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(WebClientAutoConfiguration.class))
			.withPropertyValues(pem())
			.run((context) -> assertThat(context).hasNotFailed().hasBean("checkoutWebClient"));
	}

	@Test
	void certificateModeWorksWithoutSpringSecurity() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ClientRegistration.class))
			.withPropertyValues(pem())
			.run((context) -> assertThat(context).hasNotFailed().hasBean("checkoutWebClient"));
	}

	@Test
	void jwtModeWithoutSpringSecurityFailsSayingWhatToAdd() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ClientRegistration.class))
			.withPropertyValues(pem())
			.withPropertyValues("checkout.mtls.auth-mode=jwt", "checkout.mtls.jwt.client-id=ack_test")
			.run((context) -> assertThat(assertFailure(context.getStartupFailure(), AuthModeUnavailableException.class,
					"checkout.mtls.auth-mode")
				.getAction()).contains("spring-security-oauth2-client"));
	}

	@Test
	void jwtModeDefinesTokenCache() {
		this.contextRunner.withPropertyValues(pem())
			.withPropertyValues("checkout.mtls.auth-mode=jwt", "checkout.mtls.jwt.client-id=ack_test")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(TokenCache.class));
	}

	@Test
	void jwtModeWhenClientIdIsMissingFails() {
		this.contextRunner.withPropertyValues(pem())
			.withPropertyValues("checkout.mtls.auth-mode=jwt")
			.run((context) -> assertInvalidProperty(context.getStartupFailure(), "checkout.mtls.jwt.client-id"));
	}

	@Test
	void jwtModeWhenSecretAuthenticationHasNoSecretFails() {
		this.contextRunner.withPropertyValues(pem())
			.withPropertyValues("checkout.mtls.auth-mode=jwt", "checkout.mtls.jwt.client-id=ack_test",
					"checkout.mtls.jwt.client-authentication=client-secret-basic")
			.run((context) -> assertInvalidProperty(context.getStartupFailure(),
					"checkout.mtls.jwt.client-authentication"));
	}

	@Test
	void jwtModeWhenScopeHasSpacesFails() {
		this.contextRunner.withPropertyValues(pem())
			.withPropertyValues("checkout.mtls.auth-mode=jwt", "checkout.mtls.jwt.client-id=ack_test",
					"checkout.mtls.jwt.scopes[0]=gateway vault")
			.run((context) -> assertInvalidProperty(context.getStartupFailure(), "checkout.mtls.jwt.scopes[0]"));
	}

	@Test
	void jwtModeWhenApiHostIsNotMtlsFails() {
		this.contextRunner.withPropertyValues(pem())
			.withPropertyValues("checkout.mtls.auth-mode=jwt", "checkout.mtls.jwt.client-id=ack_test",
					"checkout.mtls.api-base-url=https://api.sandbox.checkout.com")
			.run((context) -> assertInvalidProperty(context.getStartupFailure(), "checkout.mtls.api-base-url"));
	}

	// Boot's BindFailureAnalyzer reports these, listing the enum's valid values.
	private static void assertBindFailure(Throwable failure, String property) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof BindException)) {
			cause = cause.getCause();
		}
		assertThat(cause).isInstanceOf(BindException.class);
		assertThat(((BindException) cause).getName()).hasToString(property);
	}

	private static void assertInvalidProperty(Throwable failure, String property) {
		assertThat(failure).isNotNull();
		Throwable cause = failure;
		while (cause != null && !(cause instanceof InvalidConfigurationPropertyValueException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("invalid property in %s", failure).isNotNull();
		assertThat(((InvalidConfigurationPropertyValueException) cause).getName()).isEqualTo(property);
	}

	private static CheckoutMtlsConfigurationException assertFailure(Throwable failure,
			Class<? extends CheckoutMtlsConfigurationException> type, String property) {
		CheckoutMtlsConfigurationException exception = assertFailure(failure, "", property);
		assertThat(exception).isInstanceOf(type);
		return exception;
	}

	/**
	 * Asserts the startup failed with the starter's exception for the problem (whose type
	 * is internal to its package) naming the property, and its analysis.
	 */
	private static CheckoutMtlsConfigurationException assertFailure(Throwable failure, String problem,
			String property) {
		assertThat(failure).isNotNull();
		Throwable cause = failure;
		while (cause != null && !(cause instanceof CheckoutMtlsConfigurationException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("cause of type CheckoutMtlsConfigurationException in %s", failure).isNotNull();
		CheckoutMtlsConfigurationException exception = (CheckoutMtlsConfigurationException) cause;
		assertThat(exception.getProblem()).contains(problem);
		assertThat(exception.getProperty()).isEqualTo(property);
		FailureAnalysis analysis = new io.github.checkoutmtls.diagnostics.TestFailureAnalyzers().analyze(failure);
		assertThat(analysis.getDescription()).contains("Property: " + property);
		assertThat(analysis.getAction()).isEqualTo(exception.getAction());
		return exception;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserWebClient {

		static final WebClient CLIENT = WebClient.create();

		@Bean
		WebClient checkoutWebClient() {
			return CLIENT;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserIdentity {

		static final CertificateChecks CHECKS = new CertificateChecks(null, java.time.Duration.ofDays(1),
				java.time.Clock.systemUTC());

		@Bean
		ClientIdentityLoader myIdentityLoader() {
			return () -> ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "vault=secret/checkout");
		}

		@Bean
		CertificateChecks myChecks() {
			return CHECKS;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserCustomizer {

		static volatile boolean customized;

		@Bean
		CheckoutWebClientCustomizer myCustomizer() {
			return (builder) -> {
				customized = true;
				builder.defaultHeader("X-Merchant", "test");
			};
		}

	}

}
