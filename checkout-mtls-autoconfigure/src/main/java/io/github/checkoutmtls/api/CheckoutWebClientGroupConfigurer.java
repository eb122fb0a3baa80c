package io.github.checkoutmtls.api;

import java.net.URI;
import java.util.List;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;

import io.github.checkoutmtls.autoconfigure.CheckoutWebClientCustomizer;

/**
 * Points the {@code WebClient} of the {@code checkout} group, when the group is imported
 * with {@code clientType = WEB_CLIENT}, at Checkout's mTLS API host, with the same
 * {@link CheckoutWebClientCustomizer customizers} as {@code checkoutWebClient}.
 */
final class CheckoutWebClientGroupConfigurer implements WebClientHttpServiceGroupConfigurer {

	private final URI apiBaseUrl;

	private final ClientHttpConnector connector;

	private final List<CheckoutWebClientCustomizer> customizers;

	CheckoutWebClientGroupConfigurer(URI apiBaseUrl, ClientHttpConnector connector,
			List<CheckoutWebClientCustomizer> customizers) {
		this.apiBaseUrl = apiBaseUrl;
		this.connector = connector;
		this.customizers = customizers;
	}

	@Override
	public int getOrder() {
		return CheckoutHttpServices.GROUP_CONFIGURER_ORDER;
	}

	@Override
	public void configureGroups(Groups<WebClient.Builder> groups) {
		groups.filterByName(CheckoutHttpServices.GROUP).forEachClient((group, builder) -> configure(builder));
	}

	private void configure(WebClient.Builder builder) {
		builder.baseUrl(this.apiBaseUrl.toString()).clientConnector(this.connector);
		CheckoutErrors.applyTo(builder);
		this.customizers.forEach((customizer) -> customizer.customize(builder));
		// As for checkoutWebClient: a customizer's filters sit above the pipeline, never
		// in place of it.
		builder.clientConnector(this.connector);
	}

}
