package io.github.checkoutmtls.test.simulator;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLException;

import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.TestPki;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/**
 * A Reactor Netty client presenting a chosen chain and trusting only the simulator's
 * server CA, the way an application using checkout-mtls connects.
 */
final class MtlsTestClient {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	/**
	 * A UUID in its canonical text form, as Checkout's request ids are.
	 */
	static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	private final HttpClient httpClient;

	private MtlsTestClient(HttpClient httpClient) {
		this.httpClient = httpClient;
	}

	static MtlsTestClient of(TestPki pki, CheckoutMtlsSimulator simulator) {
		return of(pki.chain(), pki.leaf().privateKey(), simulator.serverCa());
	}

	static MtlsTestClient of(List<X509Certificate> chain, CertificateAndKey leaf, CheckoutMtlsSimulator simulator) {
		return of(chain, leaf.privateKey(), simulator.serverCa());
	}

	static MtlsTestClient of(List<X509Certificate> chain, PrivateKey key, X509Certificate serverCa,
			String... protocols) {
		// No Reactor Netty retry on a reset: tests must see each connection the simulator
		// refused
		return new MtlsTestClient(HttpClient.newConnection()
			.disableRetry(true)
			.secure((spec) -> spec.sslContext(sslContext(chain, key, serverCa, protocols))));
	}

	static MtlsTestClient withoutCertificate(X509Certificate serverCa) {
		return of(List.of(), null, serverCa);
	}

	private static SslContext sslContext(List<X509Certificate> chain, PrivateKey key, X509Certificate serverCa,
			String... protocols) {
		try {
			SslContextBuilder builder = SslContextBuilder.forClient()
				.sslProvider(SslProvider.JDK)
				.trustManager(serverCa)
				.protocols((protocols.length > 0) ? protocols : new String[] { "TLSv1.3", "TLSv1.2" });
			if (key != null) {
				builder.keyManager(key, chain.toArray(new X509Certificate[0]));
			}
			return builder.build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	Response get(String url) {
		return exchange(HttpMethod.GET, url, null, Map.of());
	}

	Response post(String url, String body) {
		return exchange(HttpMethod.POST, url, body, Map.of("Content-Type", "application/json"));
	}

	Response exchange(HttpMethod method, String url, String body, Map<String, String> headers) {
		return request(method, url, body, headers).block(TIMEOUT);
	}

	/**
	 * Returns the error a request fails with, unwrapped from nothing, so tests see what
	 * an application sees.
	 */
	Throwable failure(String url) {
		return request(HttpMethod.GET, url, null, Map.of()).then(Mono.<Throwable>empty())
			.onErrorResume(Mono::just)
			.block(TIMEOUT);
	}

	Mono<Response> request(HttpMethod method, String url, String body, Map<String, String> headers) {
		HttpClient client = this.httpClient.headers((h) -> headers.forEach(h::set));
		HttpClient.ResponseReceiver<?> receiver = (body != null)
				? client.request(method).uri(url).send(ByteBufFlux.fromString(Mono.just(body)))
				: client.request(method).uri(url);
		return receiver.responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
			.defaultIfEmpty("")
			.map((text) -> new Response(response.status().code(), response.responseHeaders(), text)));
	}

	static List<String> causeChain(Throwable failure) {
		List<String> chain = new ArrayList<>();
		for (Throwable t = failure; t != null; t = t.getCause()) {
			chain.add(t.getClass().getName() + ": " + t.getMessage());
		}
		return chain;
	}

	record Response(int status, HttpHeaders headers, String body) {

		String header(String name) {
			return this.headers.get(name);
		}

	}

}
