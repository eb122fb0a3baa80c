package io.github.checkoutmtls.restclient;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.TestContexts;
import io.github.checkoutmtls.api.CheckoutApiAutoConfiguration;
import io.github.checkoutmtls.api.CheckoutPayments;
import io.github.checkoutmtls.api.ReactiveCheckoutPayments;
import io.github.checkoutmtls.autoconfigure.AuthMode;
import io.github.checkoutmtls.autoconfigure.CheckoutMtlsProperties;
import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.pki.TestPkiFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CheckoutRestClientAutoConfiguration}, and for the starter's clients
 * staying out of the way of an application's own.
 */
class CheckoutRestClientAutoConfigurationTests {

	@TempDir
	static Path directory;

	static TestPkiFiles files;

	private final ApplicationContextRunner contextRunner = TestContexts.contextRunner()
		.withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class,
				CheckoutRestClientAutoConfiguration.class, CheckoutApiAutoConfiguration.class));

	@BeforeAll
	static void writePki() {
		files = TestPki.builder().build().writeTo(directory);
	}

	@Test
	void startsCheckoutRestClientAndTypedApis() {
		this.contextRunner.withPropertyValues(TestContexts.pem(files)).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasBean("checkoutRestClient")
				.hasBean("checkoutMtlsRequestFactory")
				.hasBean("checkoutMtlsRequestPipeline")
				.hasSingleBean(CheckoutPayments.class)
				.hasSingleBean(ReactiveCheckoutPayments.class);
		});
	}

	@Test
	void applicationsOwnClientsStayInjectableUnqualified() {
		this.contextRunner.withPropertyValues(TestContexts.pem(files))
			.withUserConfiguration(OwnClientsConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				OwnClientsUser user = context.getBean(OwnClientsUser.class);
				assertThat(user.webClient).isSameAs(context.getBean("ownWebClient"));
				assertThat(user.restClient).isSameAs(context.getBean("ownRestClient"));
				assertThat(user.connector).isSameAs(context.getBean("ownConnector"));
				assertThat(user.checkoutWebClient).isSameAs(context.getBean("checkoutWebClient"));
				assertThat(user.checkoutRestClient).isSameAs(context.getBean("checkoutRestClient"));
				assertThat(user.checkoutConnector).isSameAs(context.getBean("checkoutMtlsConnector"));
			});
	}

	@Test
	void backsOffWithoutTheReactiveClient() {
		this.contextRunner.withPropertyValues(TestContexts.pem(files))
			.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean("checkoutRestClient"));
	}

	@Test
	void responseWaitCoversEveryStepOfTheLastAttemptRetriesAndTokenFetches() {
		CheckoutMtlsProperties properties = new CheckoutMtlsProperties();
		properties.getHttp().setResponseTimeout(Duration.ofSeconds(5));
		properties.getHttp().setConnectTimeout(Duration.ofSeconds(3));
		properties.getRetry().setDeadline(Duration.ofSeconds(2));
		// Reactor Netty's pool acquire (45 s) and TLS handshake (10 s) timeouts, the
		// connect and response timeouts, 15 s of margin
		Duration attempt = Duration.ofSeconds(45 + 10 + 3 + 5 + 15);
		assertThat(CheckoutRestClientAutoConfiguration.responseWait(properties))
			.isEqualTo(attempt.plus(Duration.ofSeconds(2)));
		properties.getRetry().setEnabled(false);
		assertThat(CheckoutRestClientAutoConfiguration.responseWait(properties)).isEqualTo(attempt);
		properties.setAuthMode(AuthMode.JWT);
		properties.getJwt().setTokenTimeout(Duration.ofSeconds(4));
		assertThat(CheckoutRestClientAutoConfiguration.responseWait(properties))
			.as("a 401's refresh attempt starts before the deadline, after a second token fetch")
			.isEqualTo(attempt.plus(Duration.ofSeconds(2 + 4 + 4)));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnClientsConfiguration {

		@Bean
		WebClient ownWebClient() {
			return WebClient.create("https://example.org");
		}

		@Bean
		RestClient ownRestClient() {
			return RestClient.builder().requestFactory(new ReactorClientHttpRequestFactory()).build();
		}

		@Bean
		ClientHttpConnector ownConnector() {
			return new ReactorClientHttpConnector();
		}

		@Bean
		OwnClientsUser ownClientsUser(WebClient webClient, RestClient restClient, ClientHttpConnector connector,
				@Qualifier("checkoutWebClient") WebClient checkoutWebClient,
				@Qualifier("checkoutRestClient") RestClient checkoutRestClient,
				@Qualifier("checkoutMtlsConnector") CheckoutMtlsConnector checkoutConnector) {
			return new OwnClientsUser(webClient, restClient, connector, checkoutWebClient, checkoutRestClient,
					checkoutConnector);
		}

	}

	record OwnClientsUser(WebClient webClient, RestClient restClient, ClientHttpConnector connector,
			WebClient checkoutWebClient, RestClient checkoutRestClient, ClientHttpConnector checkoutConnector) {

	}

}
