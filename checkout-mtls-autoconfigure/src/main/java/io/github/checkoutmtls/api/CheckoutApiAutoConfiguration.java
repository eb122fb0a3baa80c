package io.github.checkoutmtls.api;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientAdapter;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import org.springframework.web.util.DefaultUriBuilderFactory;

import io.github.checkoutmtls.autoconfigure.CheckoutMtlsHosts;
import io.github.checkoutmtls.autoconfigure.CheckoutWebClientCustomizer;
import io.github.checkoutmtls.restclient.CheckoutRestClientAutoConfiguration;
import io.github.checkoutmtls.restclient.CheckoutRestClientCustomizer;

/**
 * Auto-configuration of Checkout's typed payments API ({@link CheckoutPayments},
 * {@link ReactiveCheckoutPayments}) and of the {@code checkout} HTTP service group. The
 * typed clients are created when first injected or looked up, not during every start:
 * nothing in them can fail on configuration that the connector has not already checked.
 */
@AutoConfiguration(after = CheckoutRestClientAutoConfiguration.class)
@ConditionalOnClass(HttpServiceProxyFactory.class)
@ConditionalOnBean(name = "checkoutRestClient")
public final class CheckoutApiAutoConfiguration {

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	CheckoutPayments checkoutMtlsPayments(@Qualifier("checkoutRestClient") RestClient checkoutRestClient,
			CheckoutMtlsHosts endpoints) {
		RestClient.Builder builder = checkoutRestClient.mutate();
		CheckoutErrors.create().applyTo(builder);
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(builder.build()))
			.exchangeAdapterDecorator(requiredBodies(endpoints)::blocking)
			.build()
			.createClient(CheckoutPayments.class);
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	ReactiveCheckoutPayments checkoutMtlsReactivePayments(@Qualifier("checkoutWebClient") WebClient checkoutWebClient,
			CheckoutMtlsHosts endpoints) {
		WebClient.Builder builder = checkoutWebClient.mutate();
		CheckoutErrors.applyTo(builder);
		return HttpServiceProxyFactory.builderFor(WebClientAdapter.create(builder.build()))
			.exchangeAdapterDecorator(requiredBodies(endpoints)::reactive)
			.build()
			.createClient(ReactiveCheckoutPayments.class);
	}

	// Both clients' URIs: the API base URL, encoded as RestClient and WebClient encode
	// by default (template and values).
	private static RequiredBodies requiredBodies(CheckoutMtlsHosts endpoints) {
		return new RequiredBodies(new DefaultUriBuilderFactory(endpoints.apiBaseUrl().toString()));
	}

	/**
	 * The {@code checkout} group's {@code RestClient} flavour.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClientHttpServiceGroupConfigurer.class)
	static class RestClientGroupConfiguration {

		@Bean
		CheckoutRestClientGroupConfigurer checkoutRestClientHttpServiceGroupConfigurer(CheckoutMtlsHosts endpoints,
				@Qualifier("checkoutMtlsRequestFactory") ClientHttpRequestFactory requestFactory,
				ObjectProvider<CheckoutRestClientCustomizer> customizers) {
			return new CheckoutRestClientGroupConfigurer(endpoints.apiBaseUrl(), requestFactory,
					CheckoutErrors.create(), customizers.orderedStream().toList());
		}

	}

	/**
	 * The {@code checkout} group's {@code WebClient} flavour.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebClientHttpServiceGroupConfigurer.class)
	static class WebClientGroupConfiguration {

		@Bean
		CheckoutWebClientGroupConfigurer checkoutWebClientHttpServiceGroupConfigurer(CheckoutMtlsHosts endpoints,
				@Qualifier("checkoutMtlsRequestPipeline") ClientHttpConnector connector,
				ObjectProvider<CheckoutWebClientCustomizer> customizers) {
			return new CheckoutWebClientGroupConfigurer(endpoints.apiBaseUrl(), connector,
					customizers.orderedStream().toList());
		}

	}

}
