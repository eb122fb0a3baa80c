package io.github.checkoutmtls.benchmarks;

import java.time.Duration;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The transport limit: a hand-built Reactor Netty {@link HttpClient} with an
 * {@link SslContext} built the way the starter builds its own, the same pool settings and
 * hostname verification, and no {@code WebClient}, filters or Spring on the path.
 */
final class RawClient implements AutoCloseable {

	private final ConnectionProvider pool;

	private final HttpClient client;

	private final String url;

	RawClient(SslContext sslContext, String baseUrl, int maxConnections) {
		this(sslContext, baseUrl, maxConnections, UnaryOperator.identity(), UnaryOperator.identity());
	}

	/**
	 * A raw client with one of its settings changed or added: the decomposition gives
	 * each of the starter's transport settings a client of its own.
	 */
	RawClient(SslContext sslContext, String baseUrl, int maxConnections,
			UnaryOperator<ConnectionProvider.Builder> poolSettings, UnaryOperator<HttpClient> clientSettings) {
		this.pool = poolSettings
			.apply(ConnectionProvider.builder("bench-raw")
				.maxConnections(maxConnections)
				.pendingAcquireMaxCount(-1)
				.maxIdleTime(Duration.ofSeconds(30))
				.maxLifeTime(Duration.ofMinutes(10)))
			.build();
		this.client = clientSettings.apply(HttpClient.create(this.pool)
			.secure((spec) -> spec.sslContext(sslContext).handlerConfigurator(RawClient::verifyHostname))
			.responseTimeout(Duration.ofSeconds(60)));
		this.url = baseUrl + "/payments/" + BenchSimulator.PAYMENT_ID;
	}

	Contender contender(String name) {
		return new Contender(name,
				() -> this.client.get().uri(this.url).responseSingle((response, body) -> body.asString()));
	}

	/**
	 * A plain {@code WebClient} over this very client: what the starter adds on top of it
	 * is everything beyond this contender's cost.
	 */
	Contender webClientContender(String name, String baseUrl) {
		return webClientContender(name, baseUrl, null);
	}

	/**
	 * A plain {@code WebClient} over this very client that sends an Authorization header
	 * with every request (when given): what a hand-written client holding the token
	 * sends, the baseline of the starter's jwt mode.
	 */
	Contender webClientContender(String name, String baseUrl, String authorization) {
		org.springframework.web.reactive.function.client.WebClient.Builder builder = org.springframework.web.reactive.function.client.WebClient
			.builder()
			.baseUrl(baseUrl)
			.clientConnector(new org.springframework.http.client.reactive.ReactorClientHttpConnector(this.client));
		if (authorization != null) {
			builder.defaultHeader("Authorization", authorization);
		}
		org.springframework.web.reactive.function.client.WebClient webClient = builder.build();
		return new Contender(name, () -> StarterApplication.get(webClient));
	}

	/**
	 * A plain {@code RestClient} over this very client, with Spring's own Reactor Netty
	 * request factory.
	 */
	Contender restClientContender(String name, String baseUrl) {
		return restClientContender(name, baseUrl, null);
	}

	/**
	 * A plain {@code RestClient} over this very client that sends an Authorization header
	 * with every request (when given).
	 */
	Contender restClientContender(String name, String baseUrl, String authorization) {
		org.springframework.web.client.RestClient.Builder builder = org.springframework.web.client.RestClient.builder()
			.baseUrl(baseUrl)
			.requestFactory(new org.springframework.http.client.ReactorClientHttpRequestFactory(this.client));
		if (authorization != null) {
			builder.defaultHeader("Authorization", authorization);
		}
		org.springframework.web.client.RestClient restClient = builder.build();
		return new Contender(name, () -> Blocking.call(() -> StarterApplication.get(restClient)));
	}

	private static void verifyHostname(SslHandler handler) {
		SSLEngine engine = handler.engine();
		SSLParameters parameters = engine.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		engine.setSSLParameters(parameters);
	}

	@Override
	public void close() {
		this.pool.dispose();
	}

}
