package io.github.checkoutmtls.api;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.web.service.invoker.HttpExchangeAdapter;
import org.springframework.web.service.invoker.HttpExchangeAdapterDecorator;
import org.springframework.web.service.invoker.HttpRequestValues;
import org.springframework.web.service.invoker.ReactorHttpExchangeAdapterDecorator;
import org.springframework.web.util.UriBuilderFactory;

import io.github.checkoutmtls.pipeline.CheckoutOutcomeUnknownException;
import reactor.core.publisher.Mono;

/**
 * The typed clients' answer to a 2xx without a body. Checkout documents a body for the
 * answers of payments, captures, refunds and voids (API reference, 2021 snapshot; the
 * other calls are read the same way), so only something between the two, such as a proxy
 * that drops it, causes one; returning {@code null} (or an empty {@code Mono}) instead
 * would leave a created payment looking like nothing. Only these clients check: an
 * interface of the application's own in the {@code checkout} group may expect an empty
 * answer.
 */
final class RequiredBodies {

	private static final String IDEMPOTENCY_KEY = "Cko-Idempotency-Key";

	private final UriBuilderFactory uris;

	/**
	 * Creates a new instance.
	 * @param uris expands a call's URI template as the client does (its base URL and
	 * encoding), to name the request exactly as it was sent
	 */
	RequiredBodies(UriBuilderFactory uris) {
		this.uris = uris;
	}

	HttpExchangeAdapter blocking(HttpExchangeAdapter adapter) {
		return new HttpExchangeAdapterDecorator(adapter) {

			@Override
			public <T> @Nullable T exchangeForBody(HttpRequestValues values, ParameterizedTypeReference<T> type) {
				T body = super.exchangeForBody(values, type);
				if (body == null) {
					throw missing(values);
				}
				return body;
			}

		};
	}

	HttpExchangeAdapter reactive(HttpExchangeAdapter adapter) {
		return new ReactorHttpExchangeAdapterDecorator(adapter) {

			@Override
			public <T> Mono<T> exchangeForBodyMono(HttpRequestValues values, ParameterizedTypeReference<T> type) {
				return super.exchangeForBodyMono(values, type).switchIfEmpty(Mono.error(() -> missing(values)));
			}

		};
	}

	// A state-changing call may have taken effect: its outcome is unknown, with the
	// caller's own key when it gave one (a generated key is not known here). A read has
	// changed nothing.
	RuntimeException missing(HttpRequestValues values) {
		HttpMethod method = (values.getHttpMethod() != null) ? values.getHttpMethod() : HttpMethod.GET;
		URI uri = uri(values);
		String answer = "Checkout answered " + method + " " + uri.getRawPath() + " with no error and no body";
		if (HttpMethod.GET.equals(method)) {
			return new IllegalStateException(answer);
		}
		return new CheckoutOutcomeUnknownException(method, uri, values.getHeaders().getFirst(IDEMPOTENCY_KEY), 0,
				"Checkout answered with no error and no body, so what it did is not known here (a proxy between the"
						+ " two may have dropped the body)",
				new IllegalStateException(answer));
	}

	private URI uri(HttpRequestValues values) {
		if (values.getUri() != null) {
			return values.getUri();
		}
		UriBuilderFactory factory = (values.getUriBuilderFactory() != null) ? values.getUriBuilderFactory() : this.uris;
		String template = (values.getUriTemplate() != null) ? values.getUriTemplate() : "";
		return factory.expand(template, values.getUriVariables());
	}

}
