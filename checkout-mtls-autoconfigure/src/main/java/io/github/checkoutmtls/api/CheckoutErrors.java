package io.github.checkoutmtls.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;

/**
 * The status handlers that turn Checkout's error answers into
 * {@link CheckoutApiException}, for both client flavours. The error body is decoded with
 * whichever JSON library the application has.
 */
final class CheckoutErrors {

	static final String REQUEST_ID_HEADER = "Cko-Request-Id";

	// Checkout's error bodies are a few hundred bytes; anything larger is not one.
	private static final int MAX_ERROR_BODY = 64 * 1024;

	private static final int MAX_IDENTIFIER = 100;

	private static final int MAX_ERROR_CODES = 20;

	private final HttpMessageConverter<Object> json;

	private CheckoutErrors(HttpMessageConverter<Object> json) {
		this.json = json;
	}

	@SuppressWarnings("unchecked")
	static CheckoutErrors create() {
		for (HttpMessageConverter<?> converter : HttpMessageConverters.forClient().registerDefaults().build()) {
			if (converter.canRead(CheckoutErrorBody.class, MediaType.APPLICATION_JSON)) {
				return new CheckoutErrors((HttpMessageConverter<Object>) converter);
			}
		}
		return new CheckoutErrors(null);
	}

	/**
	 * Makes a {@code RestClient} throw {@link CheckoutApiException} on a 4xx or 5xx
	 * answer.
	 * @param builder the builder
	 */
	void applyTo(RestClient.Builder builder) {
		builder.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			throw exception(request.getMethod(), request.getURI(), response.getStatusCode(), response.getHeaders(),
					read(response.getHeaders(), response.getBody()));
		});
	}

	/**
	 * Makes a {@code WebClient} fail with {@link CheckoutApiException} on a 4xx or 5xx
	 * answer.
	 * @param builder the builder
	 */
	static void applyTo(WebClient.Builder builder) {
		builder.defaultStatusHandler(HttpStatusCode::isError, CheckoutErrors::exception);
	}

	private static Mono<CheckoutApiException> exception(ClientResponse response) {
		HttpHeaders headers = response.headers().asHttpHeaders();
		return response.bodyToMono(CheckoutErrorBody.class)
			// A 401 has no body, a proxy's error page is not JSON: the status and request
			// id still tell.
			.onErrorResume((ex) -> response.releaseBody().then(Mono.empty()))
			.defaultIfEmpty(CheckoutErrorBody.NONE)
			.map((body) -> exception(response.request().getMethod(), response.request().getURI(), response.statusCode(),
					headers, body));
	}

	private static CheckoutApiException exception(HttpMethod method, URI uri, HttpStatusCode status,
			HttpHeaders headers, @Nullable CheckoutErrorBody answer) {
		// A body of JSON null reads as none.
		CheckoutErrorBody body = (answer != null) ? answer : CheckoutErrorBody.NONE;
		String requestId = headers.getFirst(REQUEST_ID_HEADER);
		if (requestId == null || requestId.isBlank()) {
			requestId = body.requestId();
		}
		List<String> codes = (body.errorCodes() != null) ? body.errorCodes()
			.stream()
			.map(CheckoutErrors::identifier)
			.filter(Objects::nonNull)
			.limit(MAX_ERROR_CODES)
			.toList() : List.of();
		return new CheckoutApiException(method, uri, status.value(), identifier(requestId),
				identifier(body.errorType()), codes);
	}

	// Checkout's error types, codes and request ids are short identifiers: anything else
	// in an error body (a long text, line breaks, a copy of the request) never reaches
	// the exception, its message or a log line. Kept up to 100 characters of
	// [A-Za-z0-9_.:-], each other character replaced by '?'.
	static @Nullable String identifier(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		StringBuilder safe = new StringBuilder(Math.min(value.length(), MAX_IDENTIFIER));
		for (int i = 0; i < value.length() && safe.length() < MAX_IDENTIFIER; i++) {
			char c = value.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
					|| c == '-' || c == '.' || c == ':';
			safe.append(allowed ? c : '?');
		}
		return safe.toString();
	}

	private CheckoutErrorBody read(HttpHeaders headers, InputStream body) {
		MediaType contentType = headers.getContentType();
		// application/json, or a JSON flavour such as application/problem+json (as the
		// reactive client's JSON decoder reads it).
		if (this.json == null || contentType == null || !(contentType.isCompatibleWith(MediaType.APPLICATION_JSON)
				|| "json".equalsIgnoreCase(contentType.getSubtypeSuffix()))) {
			return CheckoutErrorBody.NONE;
		}
		try {
			byte[] bytes = body.readNBytes(MAX_ERROR_BODY);
			return (CheckoutErrorBody) this.json.read(CheckoutErrorBody.class, new Message(headers, bytes));
		}
		catch (IOException | RuntimeException ex) {
			return CheckoutErrorBody.NONE;
		}
	}

	private record Message(HttpHeaders headers, byte[] bytes) implements HttpInputMessage {

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(this.bytes);
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

	}

}
