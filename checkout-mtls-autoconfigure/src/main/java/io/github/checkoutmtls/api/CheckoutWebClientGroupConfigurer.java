package io.github.checkoutmtls.api;

import java.net.URI;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;

/**
 * Points the {@code WebClient} of the {@code checkout} group, when the group is imported with
 * {@code clientType = WEB_CLIENT}, at Checkout's mTLS API host.
 */
final class CheckoutWebClientGroupConfigurer implements WebClientHttpServiceGroupConfigurer {

	private final URI apiBaseUrl;

	private final ClientHttpConnector connector;

	CheckoutWebClientGroupConfigurer(URI apiBaseUrl, ClientHttpConnector connector) {
		this.apiBaseUrl = apiBaseUrl;
		this.connector = connector;
	}

	@Override
	public int getOrder() {
		return CheckoutHttpServices.GROUP_CONFIGURER_ORDER;
	}

	@Override
	public void configureGroups(Groups<WebClient.Builder> groups) {
		groups.filterByName(CheckoutHttpServices.GROUP)
			.forEachClient((group, builder) -> configure(builder));
	}

	private void configure(WebClient.Builder builder) {
		builder.baseUrl(this.apiBaseUrl.toString()).clientConnector(this.connector);
		CheckoutErrors.applyTo(builder);
	}

}
