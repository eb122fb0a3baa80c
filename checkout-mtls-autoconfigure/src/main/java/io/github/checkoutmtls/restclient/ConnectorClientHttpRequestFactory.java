package io.github.checkoutmtls.restclient;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * A blocking {@link ClientHttpRequestFactory} over a reactive
 * {@link ClientHttpConnector}: each request is buffered, sent through the connector, and
 * waited for on the calling thread, a virtual one included. Everything the connector does
 * per request (pinning, retries, diagnosis) applies unchanged.
 */
final class ConnectorClientHttpRequestFactory implements ClientHttpRequestFactory {

	private static final Duration LONGEST_WAIT = Duration.ofDays(365L * 100);

	private final ClientHttpConnector connector;

	private final Duration timeout;

	/**
	 * Creates a factory.
	 * @param connector the connector that sends every request
	 * @param timeout how long the calling thread waits for the response headers (and for
	 * a small body of known length, which is read whole before the caller wakes up)
	 */
	ConnectorClientHttpRequestFactory(ClientHttpConnector connector, Duration timeout) {
		this.connector = connector;
		// Centuries are as good as forever, and hold in nanoseconds.
		this.timeout = (timeout.compareTo(LONGEST_WAIT) > 0) ? LONGEST_WAIT : timeout;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) {
		return new ConnectorClientHttpRequest(this.connector, httpMethod, uri, this.timeout);
	}

}
