package io.github.checkoutmtls.restclient;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import reactor.netty.ReactorNetty;
import reactor.netty.resources.ConnectionProvider;

import io.github.checkoutmtls.autoconfigure.AuthMode;
import io.github.checkoutmtls.autoconfigure.CheckoutMtlsAutoConfiguration;
import io.github.checkoutmtls.autoconfigure.CheckoutMtlsHosts;
import io.github.checkoutmtls.autoconfigure.CheckoutMtlsProperties;
import io.github.checkoutmtls.pipeline.CheckoutRequestPipeline;

/**
 * Auto-configuration of {@code checkoutRestClient}: a {@link RestClient} that calls
 * Checkout's mTLS API host through the same connector, connection pool and per-request
 * steps as {@code checkoutWebClient}.
 */
@AutoConfiguration(after = CheckoutMtlsAutoConfiguration.class,
		afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass(RestClient.class)
@ConditionalOnBean(name = "checkoutMtlsRequestPipeline")
public final class CheckoutRestClientAutoConfiguration {

	// Reactor Netty's TLS handshake timeout when reactor.netty.tcp.sslHandshakeTimeout is
	// not set.
	private static final long DEFAULT_HANDSHAKE_TIMEOUT_MILLIS = 10_000;

	// For what no property bounds: name resolution, a proxy's CONNECT (Reactor Netty
	// allows it 10 s), the first pool's build.
	private static final Duration MARGIN = Duration.ofSeconds(15);

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "checkoutMtlsRequestFactory")
	ClientHttpRequestFactory checkoutMtlsRequestFactory(CheckoutMtlsProperties properties,
			@Qualifier("checkoutMtlsRequestPipeline") CheckoutRequestPipeline pipeline) {
		// The same pipeline, connector and pool as checkoutWebClient: a blocking front,
		// not a second implementation.
		return new ConnectorClientHttpRequestFactory(pipeline, responseWait(properties));
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "checkoutRestClient")
	RestClient checkoutRestClient(ObjectProvider<RestClient.Builder> restClientBuilder, CheckoutMtlsHosts endpoints,
			@Qualifier("checkoutMtlsRequestFactory") ClientHttpRequestFactory requestFactory,
			ObjectProvider<CheckoutRestClientCustomizer> customizers) {
		// Boot's builder carries its message converters and observation; cloned so the
		// application's is untouched.
		RestClient.Builder builder = restClientBuilder.getIfAvailable(RestClient::builder)
			.clone()
			.baseUrl(endpoints.apiBaseUrl().toString())
			.requestFactory(requestFactory);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	// A backstop, never the request's own limit: the waiting thread gives up only once
	// the pipeline can no longer be running, so the pipeline, which knows whether the
	// request was written, always decides the outcome (a written payment without an
	// answer ends unknown, not in a bare timeout). The last attempt starts before the
	// retry deadline (a 401's token refresh too, in jwt mode), and one attempt may wait
	// for a pooled connection, connect, shake hands, then wait for the response; a
	// token is fetched before the first attempt and once more after a 401.
	static Duration responseWait(CheckoutMtlsProperties properties) {
		Duration wait = Duration.ofMillis(ConnectionProvider.DEFAULT_POOL_ACQUIRE_TIMEOUT)
			.plus(properties.getHttp().getConnectTimeout())
			.plusMillis(Long.getLong(ReactorNetty.SSL_HANDSHAKE_TIMEOUT, DEFAULT_HANDSHAKE_TIMEOUT_MILLIS))
			.plus(properties.getHttp().getResponseTimeout());
		boolean jwt = properties.getAuthMode() == AuthMode.JWT;
		if (properties.getRetry().isEnabled() || jwt) {
			wait = wait.plus(properties.getRetry().getDeadline());
		}
		if (jwt) {
			wait = wait.plus(properties.getJwt().getTokenTimeout().multipliedBy(2));
		}
		return wait.plus(MARGIN);
	}

}
