package io.github.checkoutmtls.token;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;

import io.github.checkoutmtls.autoconfigure.CheckoutMtlsAutoConfiguration;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.pki.TestPkiFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JWT mode keeps its client registration to itself: an application's own
 * {@code spring.security.oauth2.client.*} configuration works unchanged beside it.
 */
class SpringSecurityClientCoexistenceTests {

	@TempDir
	Path directory;

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CheckoutMtlsAutoConfiguration.class, SslAutoConfiguration.class,
				WebClientAutoConfiguration.class, ReactiveOAuth2ClientAutoConfiguration.class));

	@Test
	void applicationClientRegistrationsAreUntouchedInJwtMode() {
		TestPkiFiles files = TestPki.builder().build().writeTo(this.directory);
		this.contextRunner
			.withPropertyValues("checkout.mtls.pem.certificate=file:" + files.chain(),
					"checkout.mtls.pem.private-key=file:" + files.privateKey(), "checkout.mtls.auth-mode=jwt",
					"checkout.mtls.jwt.client-id=ack_checkout",
					"spring.security.oauth2.client.registration.partner.client-id=partner-client",
					"spring.security.oauth2.client.registration.partner.client-secret=partner-secret",
					"spring.security.oauth2.client.registration.partner.authorization-grant-type=client_credentials",
					"spring.security.oauth2.client.provider.partner.token-uri=https://partner.example.test/oauth/token")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(TokenCache.class);
				assertThat(context).hasSingleBean(ReactiveClientRegistrationRepository.class);
				ReactiveClientRegistrationRepository repository = context
					.getBean(ReactiveClientRegistrationRepository.class);
				ClientRegistration partner = repository.findByRegistrationId("partner").block();
				assertThat(partner.getClientId()).isEqualTo("partner-client");
				assertThat(partner.getProviderDetails().getTokenUri())
					.isEqualTo("https://partner.example.test/oauth/token");
				assertThat(repository.findByRegistrationId("checkout-mtls").blockOptional()).isEmpty();
			});
	}

}
