package io.github.checkoutmtls.api;

import java.net.URI;
import java.util.List;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

import io.github.checkoutmtls.restclient.CheckoutRestClientCustomizer;

/**
 * Points the {@code RestClient} of the {@code checkout} group at Checkout's mTLS API
 * host.
 */
final class CheckoutRestClientGroupConfigurer implements RestClientHttpServiceGroupConfigurer {

	private final URI apiBaseUrl;

	private final ClientHttpRequestFactory requestFactory;

	private final CheckoutErrors errors;

	private final List<CheckoutRestClientCustomizer> customizers;

	CheckoutRestClientGroupConfigurer(URI apiBaseUrl, ClientHttpRequestFactory requestFactory, CheckoutErrors errors,
			List<CheckoutRestClientCustomizer> customizers) {
		this.apiBaseUrl = apiBaseUrl;
		this.requestFactory = requestFactory;
		this.errors = errors;
		this.customizers = customizers;
	}

	@Override
	public int getOrder() {
		return CheckoutHttpServices.GROUP_CONFIGURER_ORDER;
	}

	@Override
	public void configureGroups(Groups<RestClient.Builder> groups) {
		groups.filterByName(CheckoutHttpServices.GROUP).forEachClient((group, builder) -> configure(builder));
	}

	void configure(RestClient.Builder builder) {
		builder.baseUrl(this.apiBaseUrl.toString()).requestFactory(this.requestFactory);
		this.errors.applyTo(builder);
		this.customizers.forEach((customizer) -> customizer.customize(builder));
	}

}
