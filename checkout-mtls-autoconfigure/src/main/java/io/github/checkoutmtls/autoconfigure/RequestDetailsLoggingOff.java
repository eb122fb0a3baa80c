package io.github.checkoutmtls.autoconfigure;

import org.springframework.core.Ordered;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Keeps {@code spring.codec.log-request-details} from reaching {@code checkoutWebClient}:
 * with it, Spring's exchange logging shows every request header at TRACE, the bearer
 * token included, and its form writer shows form values. The application's other clients
 * keep the setting. Runs last, after the application's customizers of the same (default)
 * order.
 */
final class RequestDetailsLoggingOff implements CheckoutWebClientCustomizer, Ordered {

	@Override
	public void customize(WebClient.Builder builder) {
		builder.codecs((codecs) -> codecs.defaultCodecs().enableLoggingRequestDetails(false));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
