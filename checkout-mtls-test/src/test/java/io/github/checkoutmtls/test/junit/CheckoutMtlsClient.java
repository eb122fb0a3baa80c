package io.github.checkoutmtls.test.junit;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

import org.springframework.core.env.PropertyResolver;

/**
 * A Reactor Netty client configured only from the {@code checkout.mtls.*} properties, the
 * way an application would be: it presents the key material of
 * {@code checkout.mtls.keystore.*} and trusts only
 * {@code checkout.mtls.trust.certificates}.
 */
final class CheckoutMtlsClient {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient httpClient;

	private CheckoutMtlsClient(HttpClient httpClient) {
		this.httpClient = httpClient;
	}

	static CheckoutMtlsClient of(PropertyResolver properties) {
		try {
			SslContext sslContext = SslContextBuilder.forClient()
				.sslProvider(SslProvider.JDK)
				.keyManager(file(properties, "checkout.mtls.pem.certificate"),
						file(properties, "checkout.mtls.pem.private-key"))
				.trustManager(file(properties, "checkout.mtls.trust.certificates"))
				.build();
			return new CheckoutMtlsClient(HttpClient.create().secure((spec) -> spec.sslContext(sslContext)));
		}
		catch (SSLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static File file(PropertyResolver properties, String name) {
		String location = properties.getRequiredProperty(name);
		if (!location.startsWith("file:")) {
			throw new IllegalStateException(name + " is not a file: location: " + location);
		}
		return new File(location.substring("file:".length()));
	}

	Response get(String url, Map<String, String> headers) {
		return this.httpClient.headers((h) -> headers.forEach(h::set))
			.get()
			.uri(url)
			.responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8)
				.defaultIfEmpty("")
				.map((text) -> new Response(response.status().code(), text)))
			.block(TIMEOUT);
	}

	Response postForm(String url, String form) {
		return this.httpClient.headers((h) -> h.set("Content-Type", "application/x-www-form-urlencoded"))
			.post()
			.uri(url)
			.send(ByteBufFlux.fromString(Mono.just(form)))
			.responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8)
				.defaultIfEmpty("")
				.map((text) -> new Response(response.status().code(), text)))
			.block(TIMEOUT);
	}

	record Response(int status, String body) {

	}

}
