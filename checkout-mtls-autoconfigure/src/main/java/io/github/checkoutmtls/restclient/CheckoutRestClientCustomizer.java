package io.github.checkoutmtls.restclient;

import org.springframework.web.client.RestClient;

/**
 * Adjusts the builder of {@code checkoutRestClient}, and of the {@code checkout} HTTP
 * service group's {@code RestClient}, without replacing them: add default headers,
 * interceptors or message converters. Customizers run after the starter has set the base
 * URL and the mTLS request factory, in {@link org.springframework.core.Ordered order}.
 */
@FunctionalInterface
public interface CheckoutRestClientCustomizer {

	/**
	 * Customizes a builder of a {@code RestClient} that calls Checkout.
	 * @param builder the builder
	 */
	void customize(RestClient.Builder builder);

}
