package io.github.checkoutmtls.benchmarks;

import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.webclient.autoconfigure.WebClientSsl;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The do-it-yourself alternative, as Spring's documentation assembles it: a Boot SSL
 * bundle with the client certificate, applied with {@link WebClientSsl}, and Spring
 * Security's {@link ServerOAuth2AuthorizedClientExchangeFilterFunction} with a
 * client-credentials registration whose token client uses the same bundle. Boot's default
 * Reactor Netty pool, as a user would get it. Its bean method is not proxied, like the
 * starter application, which has none.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class DiyApplication {

	static final String REGISTRATION = "checkout";

	@Bean
	WebClient diyWebClient(WebClient.Builder builder, WebClientSsl ssl,
			@Value("${bench.api-base-url}") String apiBaseUrl, @Value("${bench.token-uri}") String tokenUri) {
		ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION)
			.clientId(BenchSimulator.DIY_CLIENT)
			.clientSecret(BenchSimulator.DIY_SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(tokenUri)
			.scope("gateway")
			.build();
		InMemoryReactiveClientRegistrationRepository registrations = new InMemoryReactiveClientRegistrationRepository(
				registration);
		WebClientReactiveClientCredentialsTokenResponseClient tokenClient = new WebClientReactiveClientCredentialsTokenResponseClient();
		tokenClient.setWebClient(builder.clone().apply(ssl.fromBundle("checkout")).build());
		ClientCredentialsReactiveOAuth2AuthorizedClientProvider provider = new ClientCredentialsReactiveOAuth2AuthorizedClientProvider();
		provider.setAccessTokenResponseClient(tokenClient);
		AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(
				registrations, new InMemoryReactiveOAuth2AuthorizedClientService(registrations));
		manager.setAuthorizedClientProvider(provider);
		ServerOAuth2AuthorizedClientExchangeFilterFunction oauth = new ServerOAuth2AuthorizedClientExchangeFilterFunction(
				manager);
		oauth.setDefaultClientRegistrationId(REGISTRATION);
		return builder.clone().apply(ssl.fromBundle("checkout")).baseUrl(apiBaseUrl).filter(oauth).build();
	}

	static ConfigurableApplicationContext start(BenchPki pki, String apiBaseUrl, String tokenUri) {
		return start(pki.ecFiles.chain().toString(), pki.ecFiles.privateKey().toString(),
				pki.ecFiles.serverCa().toString(), apiBaseUrl, tokenUri);
	}

	static ConfigurableApplicationContext start(String chain, String key, String serverCa, String apiBaseUrl,
			String tokenUri) {
		Map<String, Object> properties = StarterApplication.commonProperties();
		properties.put("checkout.mtls.enabled", "false");
		properties.put("spring.ssl.bundle.pem.checkout.keystore.certificate", "file:" + chain);
		properties.put("spring.ssl.bundle.pem.checkout.keystore.private-key", "file:" + key);
		properties.put("spring.ssl.bundle.pem.checkout.truststore.certificate", "file:" + serverCa);
		properties.put("bench.api-base-url", apiBaseUrl);
		properties.put("bench.token-uri", tokenUri);
		return new SpringApplicationBuilder(DiyApplication.class).web(WebApplicationType.NONE)
			.properties(properties)
			.run();
	}

	static Contender contender(String name, ConfigurableApplicationContext context) {
		WebClient client = context.getBean("diyWebClient", WebClient.class);
		return new Contender(name, () -> StarterApplication.get(client));
	}

}
