package io.github.checkoutmtls.retry;

import java.util.UUID;

import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

import reactor.core.publisher.Mono;

/**
 * Adds a random (UUID v4) {@code Cko-Idempotency-Key} to a POST that has none, so that Checkout replays
 * the first response instead of processing a repeat twice. Meant to be outside the retrying filters, so
 * that every retry of a request carries the same key. A retry of your own (a resubscription) is a new
 * request with a new key: set the key yourself, from your own order or operation id, to cover those.
 */
public final class IdempotencyKeyFilter implements ExchangeFilterFunction {

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (!HttpMethod.POST.equals(request.method()) || request.headers().containsHeader(Retryability.IDEMPOTENCY_KEY)) {
			return next.exchange(request);
		}
		return next.exchange(ClientRequest.from(request)
			.header(Retryability.IDEMPOTENCY_KEY, UUID.randomUUID().toString())
			.build());
	}

}
