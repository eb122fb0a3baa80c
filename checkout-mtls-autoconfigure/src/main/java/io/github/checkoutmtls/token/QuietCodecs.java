package io.github.checkoutmtls.token;

import java.util.List;
import java.util.Map;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Hints;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.codec.ClientCodecConfigurer;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The codecs of the token client, which never log what they read or write. Spring's
 * decoders log each decoded value at DEBUG (truncated) and TRACE (whole): for a token
 * response that is the access token. Its form writer and exchange logging show form
 * values and headers (the client secret, the Basic credentials) when
 * {@code spring.codec.log-request-details} is on. The application's own codec settings
 * are kept for its own clients; the token client gets Spring's defaults with both kinds
 * of logging off.
 */
final class QuietCodecs {

	private QuietCodecs() {
	}

	static ExchangeStrategies strategies() {
		ClientCodecConfigurer defaults = ClientCodecConfigurer.create();
		defaults.defaultCodecs().enableLoggingRequestDetails(false);
		List<HttpMessageReader<?>> readers = defaults.getReaders()
			.stream()
			.<HttpMessageReader<?>>map(QuietReader::new)
			.toList();
		// Registered as custom codecs, without default config, so no later customizer
		// turns logging back on.
		return ExchangeStrategies.builder().codecs((codecs) -> {
			codecs.registerDefaults(false);
			readers.forEach(codecs.customCodecs()::register);
			defaults.getWriters().forEach(codecs.customCodecs()::register);
		}).build();
	}

	/**
	 * Reads with the logging hint suppressed, so the decoder logs no value.
	 */
	private static final class QuietReader<T> implements HttpMessageReader<T> {

		private final HttpMessageReader<T> delegate;

		QuietReader(HttpMessageReader<T> delegate) {
			this.delegate = delegate;
		}

		@Override
		public List<MediaType> getReadableMediaTypes() {
			return this.delegate.getReadableMediaTypes();
		}

		@Override
		public List<MediaType> getReadableMediaTypes(ResolvableType elementType) {
			return this.delegate.getReadableMediaTypes(elementType);
		}

		@Override
		public boolean canRead(ResolvableType elementType, MediaType mediaType) {
			return this.delegate.canRead(elementType, mediaType);
		}

		@Override
		public Flux<T> read(ResolvableType elementType, ReactiveHttpInputMessage message, Map<String, Object> hints) {
			return this.delegate.read(elementType, message, quiet(hints));
		}

		@Override
		public Mono<T> readMono(ResolvableType elementType, ReactiveHttpInputMessage message,
				Map<String, Object> hints) {
			return this.delegate.readMono(elementType, message, quiet(hints));
		}

		private static Map<String, Object> quiet(Map<String, Object> hints) {
			return Hints.merge(hints, Hints.SUPPRESS_LOGGING_HINT, true);
		}

	}

}
