package io.github.checkoutmtls.connector;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An HTTP proxy that connections to Checkout go through, with a {@code CONNECT} tunnel:
 * TLS, and the client certificate, stay end to end between the client and Checkout.
 * {@link #toString()} never shows the password.
 *
 * @param host the proxy's host
 * @param port the proxy's port
 * @param username the user name for the proxy's Basic authentication, or {@code null}
 * @param password the password for the proxy's Basic authentication, or {@code null}
 * @param nonProxyHosts hosts reached directly, as in {@code http.nonProxyHosts}:
 * {@code *} wildcards at either end, such as {@code localhost} or {@code *.internal}
 */
public record EgressProxy(String host, int port, String username, String password, List<String> nonProxyHosts) {

	/**
	 * Creates a proxy, copying the non-proxy hosts.
	 */
	public EgressProxy {
		nonProxyHosts = (nonProxyHosts != null) ? List.copyOf(nonProxyHosts) : List.of();
	}

	/**
	 * Returns the non-proxy hosts as one regular expression, or {@code null} when there
	 * are none.
	 * @return the expression, matched against the whole host name
	 */
	String nonProxyHostsPattern() {
		if (this.nonProxyHosts.isEmpty()) {
			return null;
		}
		return this.nonProxyHosts.stream().map(EgressProxy::toRegex).collect(Collectors.joining("|"));
	}

	private static String toRegex(String glob) {
		return Pattern.quote(glob.trim()).replace("*", "\\E.*\\Q");
	}

	@Override
	public String toString() {
		return "EgressProxy[host=" + this.host + ", port=" + this.port + ", username=" + this.username + ", password="
				+ ((this.password != null) ? "******" : null) + ", nonProxyHosts=" + this.nonProxyHosts + "]";
	}

}
