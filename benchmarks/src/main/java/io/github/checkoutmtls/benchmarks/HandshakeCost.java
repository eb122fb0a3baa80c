package io.github.checkoutmtls.benchmarks;

import java.time.Duration;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

import reactor.netty.http.client.HttpClient;

/**
 * The cost of a full handshake for one client provider and leaf key type: the median
 * latency of a request on a new connection each time (TCP connect, TLS handshake with
 * client certificate, request) minus the median of the same request on a kept-alive
 * connection.
 */
final class HandshakeCost {

	private final HttpClient fresh;

	private final HttpClient pooled;

	private final String url;

	HandshakeCost(SslContext context, String baseUrl) {
		// newConnection() is a static factory: called on a configured client it returns
		// an unconfigured one
		this.fresh = secure(HttpClient.newConnection(), context);
		this.pooled = secure(HttpClient.create(), context);
		this.url = baseUrl + "/payments/" + BenchSimulator.PAYMENT_ID;
	}

	/**
	 * Returns the median request latency in microseconds, on new connections or
	 * kept-alive ones.
	 */
	double medianMicros(boolean newConnections, int requests) {
		HttpClient client = newConnections ? this.fresh : this.pooled;
		long[] latencies = new long[requests];
		for (int i = 0; i < requests; i++) {
			long start = System.nanoTime();
			client.get()
				.uri(this.url)
				.responseSingle((response, body) -> body.asString())
				.block(Duration.ofSeconds(30));
			latencies[i] = System.nanoTime() - start;
		}
		return Stats.percentile(Stats.sorted(latencies), 50) / 1e3;
	}

	private static HttpClient secure(HttpClient client, SslContext context) {
		return client.secure((spec) -> spec.sslContext(context).handlerConfigurator(HandshakeCost::verifyHostname))
			.responseTimeout(Duration.ofSeconds(30));
	}

	private static void verifyHostname(SslHandler handler) {
		SSLEngine engine = handler.engine();
		SSLParameters parameters = engine.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		engine.setSSLParameters(parameters);
	}

}
