package io.github.checkoutmtls.autoconfigure;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adjusts the builder of {@code checkoutWebClient}, and of the {@code checkout} HTTP
 * service group's {@code WebClient}, without replacing them: add default headers, filters
 * or codecs. Customizers run after the starter has set the base URL, the mTLS connector
 * and its own filters, in {@link org.springframework.core.Ordered order}.
 */
@FunctionalInterface
public interface CheckoutWebClientCustomizer {

	/**
	 * Customizes a builder of a {@code WebClient} that calls Checkout.
	 * @param builder the builder
	 */
	void customize(WebClient.Builder builder);

}
