package io.github.checkoutmtls.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.test.pki.TestPki;
import reactor.core.publisher.Mono;

/**
 * An application using the starter as a user would: auto-configuration and
 * {@code checkout.mtls.*} properties, nothing else.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class StarterApplication {

	static Map<String, Object> commonProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.main.log-startup-info", "false");
		properties.put("logging.level.root", "warn");
		return properties;
	}

	static Map<String, Object> starterProperties(BenchPki pki, String apiBaseUrl, String accessBaseUrl, boolean jwt) {
		Map<String, Object> properties = commonProperties();
		properties.put("checkout.mtls.api-base-url", apiBaseUrl);
		properties.put("checkout.mtls.access-base-url", accessBaseUrl);
		properties.put("checkout.mtls.keystore.certificate", "file:" + pki.ecFiles.chain());
		properties.put("checkout.mtls.keystore.private-key", "file:" + pki.ecFiles.privateKey());
		properties.put("checkout.mtls.trust.certificates", "file:" + pki.ecFiles.serverCa());
		properties.put("checkout.mtls.expected-common-name", TestPki.DEFAULT_COMMON_NAME);
		properties.put("checkout.mtls.http.max-connections", Benchmarks.MAX_CONNECTIONS);
		if (jwt) {
			properties.put("checkout.mtls.auth-mode", "jwt");
			properties.put("checkout.mtls.jwt.client-id", BenchSimulator.STARTER_CLIENT);
			properties.put("checkout.mtls.jwt.scopes", "gateway");
		}
		return properties;
	}

	static ConfigurableApplicationContext start(Map<String, Object> properties) {
		return new SpringApplicationBuilder(StarterApplication.class).web(WebApplicationType.NONE)
			.properties(properties)
			.run();
	}

	static Contender contender(String name, ConfigurableApplicationContext context) {
		WebClient client = context.getBean("checkoutWebClient", WebClient.class);
		return new Contender(name, () -> get(client));
	}

	static Contender restContender(String name, ConfigurableApplicationContext context) {
		RestClient client = context.getBean("checkoutRestClient", RestClient.class);
		return new Contender(name, () -> Blocking.call(() -> get(client)));
	}

	static String get(RestClient client) {
		return client.get().uri("/payments/{id}", BenchSimulator.PAYMENT_ID).retrieve().body(String.class);
	}

	static Mono<String> get(WebClient client) {
		return client.get().uri("/payments/{id}", BenchSimulator.PAYMENT_ID).retrieve().bodyToMono(String.class);
	}

}
