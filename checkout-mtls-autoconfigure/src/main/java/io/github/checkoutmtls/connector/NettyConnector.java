package io.github.checkoutmtls.connector;

import java.net.URI;
import java.util.function.Function;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The connector over one pool's Reactor Netty client: Spring's
 * {@link ReactorClientHttpConnector}, with a request that commits without building a
 * chain of operators for every request.
 *
 * <p>
 * Spring's request adapter commits each request with {@code Flux.concat(actions).then()},
 * run on the connection's event loop. Profiled at 16 concurrent callers of
 * {@code checkoutRestClient}, it was the largest part of the event-loop work the starter
 * added over Spring's blocking request factory (2026-12-01, BENCHMARKS.md).
 * {@link NettyRequest} applies the headers and starts the write in one step when no
 * action was registered to run before the commit, as none is by the starter's pipeline or
 * {@code checkoutRestClient}, and runs registered ones first, in order, as Spring's does.
 * Everything else (the URI, the response, letting go of a body after a cancel, the
 * request attributes on the channel) is Spring's behaviour.
 */
final class NettyConnector implements ClientHttpConnector {

	private final HttpClient client;

	NettyConnector(HttpClient client) {
		this.client = client;
	}

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		HttpClient.RequestSender sender = uri(
				this.client.request(io.netty.handler.codec.http.HttpMethod.valueOf(method.name())), uri);
		NettyResponse.Holder received = new NettyResponse.Holder();
		return sender
			.send((request, outbound) -> requestCallback.apply(new NettyRequest(method, uri, request, outbound)))
			.responseConnection(
					(response, connection) -> Mono.<ClientHttpResponse>just(received.hold(response, connection)))
			.next()
			.doOnCancel(() -> received.releaseAfterCancel(method));
	}

	// As Spring's connector: an absolute URI as it is, else (or when Reactor Netty
	// refuses it) as a string.
	private static HttpClient.RequestSender uri(HttpClient.RequestSender sender, URI uri) {
		if (uri.isAbsolute()) {
			try {
				return sender.uri(uri);
			}
			catch (RuntimeException ex) {
				// Passed as a string below.
			}
		}
		return sender.uri(uri.toString());
	}

}
