package io.github.checkoutmtls.restclient;

import java.time.Duration;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * The starter's blocking request factory over any connector: the plain {@code RestClient}
 * of the pipeline benchmark uses it over the in-memory connector directly, so the two
 * differ by the pipeline alone.
 */
public final class InMemoryRequestFactories {

	private InMemoryRequestFactories() {
	}

	/**
	 * Returns the starter's request factory over a connector.
	 * @param connector the connector
	 * @return the factory
	 */
	public static ClientHttpRequestFactory over(ClientHttpConnector connector) {
		return new ConnectorClientHttpRequestFactory(connector, Duration.ofSeconds(30));
	}

}
