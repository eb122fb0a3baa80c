package io.github.checkoutmtls.restclient;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import io.github.checkoutmtls.autoconfigure.AuthMode;
import io.github.checkoutmtls.autoconfigure.CheckoutMtlsAutoConfiguration;
import io.github.checkoutmtls.autoconfigure.CheckoutMtlsHosts;
import io.github.checkoutmtls.autoconfigure.CheckoutMtlsProperties;
import io.github.checkoutmtls.pipeline.CheckoutRequestPipeline;

/**
 * Auto-configuration of {@code checkoutRestClient}: a {@link RestClient} that calls
 * Checkout's mTLS API host through the same connector, connection pool and per-request
 * steps as {@code checkoutWebClient}.
 */
@AutoConfiguration(after = CheckoutMtlsAutoConfiguration.class,
		afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass(RestClient.class)
@ConditionalOnBean(name = "checkoutMtlsRequestPipeline")
public final class CheckoutRestClientAutoConfiguration {

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "checkoutMtlsRequestFactory")
	ClientHttpRequestFactory checkoutMtlsRequestFactory(CheckoutMtlsProperties properties,
			@Qualifier("checkoutMtlsRequestPipeline") CheckoutRequestPipeline pipeline) {
		// The same pipeline, connector and pool as checkoutWebClient: a blocking front,
		// not a second implementation.
		return new ConnectorClientHttpRequestFactory(pipeline, responseWait(properties));
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "checkoutRestClient")
	RestClient checkoutRestClient(ObjectProvider<RestClient.Builder> restClientBuilder, CheckoutMtlsHosts endpoints,
			@Qualifier("checkoutMtlsRequestFactory") ClientHttpRequestFactory requestFactory,
			ObjectProvider<CheckoutRestClientCustomizer> customizers) {
		// Boot's builder carries its message converters and observation; cloned so the
		// application's is untouched.
		RestClient.Builder builder = restClientBuilder.getIfAvailable(RestClient::builder)
			.clone()
			.baseUrl(endpoints.apiBaseUrl().toString())
			.requestFactory(requestFactory);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	// The connector may retry until the retry deadline and fetch a token first, each step
	// bounded by its own
	// timeout: the waiting thread gives up only once none of them can still be running.
	static Duration responseWait(CheckoutMtlsProperties properties) {
		Duration wait = properties.getHttp().getResponseTimeout();
		if (properties.getRetry().isEnabled()) {
			wait = wait.plus(properties.getRetry().getDeadline());
		}
		if (properties.getAuthMode() == AuthMode.JWT) {
			wait = wait.plus(properties.getJwt().getTokenTimeout());
		}
		return wait;
	}

}
