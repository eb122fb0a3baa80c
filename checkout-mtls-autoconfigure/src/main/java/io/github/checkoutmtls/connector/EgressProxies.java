package io.github.checkoutmtls.connector;

import org.springframework.util.StringUtils;

import io.github.checkoutmtls.autoconfigure.CheckoutMtlsProperties;
import io.github.checkoutmtls.connector.ConnectorSettings.EgressProxy;

/**
 * Turns {@code checkout.mtls.http.proxy.*} into the connector's proxy settings.
 */
final class EgressProxies {

	private EgressProxies() {
	}

	/**
	 * Returns the configured proxy.
	 * @param proxy the properties, whose port the properties have checked
	 * @return the proxy, or {@code null} when no host is set, so that the JVM's system
	 * properties apply
	 */
	static EgressProxy from(CheckoutMtlsProperties.Proxy proxy) {
		if (!StringUtils.hasText(proxy.getHost())) {
			return null;
		}
		return new EgressProxy(proxy.getHost(), proxy.getPort(), proxy.getUsername(), proxy.getPassword(),
				proxy.getNonProxyHosts());
	}

}
