package io.github.checkoutmtls.benchmarks;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The startup baseline: the same classpath, the starter switched off, and one plain
 * {@link WebClient} built from Boot's auto-configured builder (Reactor Netty). Its bean
 * method is not proxied, like the starter application, which has none: a CGLIB subclass
 * (about 150 classes at start) would be a cost of neither client.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class PlainApplication {

	@Bean
	WebClient plainWebClient(WebClient.Builder builder) {
		return builder.baseUrl("https://localhost:1").build();
	}

}
