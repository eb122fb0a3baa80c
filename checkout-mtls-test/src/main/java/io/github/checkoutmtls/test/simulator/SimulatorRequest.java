package io.github.checkoutmtls.test.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.netty.http.server.HttpServerRequest;

/**
 * A request as the simulator's handlers see it: fully read, with the connection's client
 * certificate and the {@code Cko-Request-Id} the response will carry.
 *
 * @param host the host that received it
 * @param method the HTTP method
 * @param uri the path with the query string
 * @param path the path without the query string
 * @param headers the request headers
 * @param body the body as text, empty if none
 * @param certificate the client leaf presented on the connection
 * @param requestId the {@code Cko-Request-Id} of the response
 * @param receivedAt when the request arrived
 * @param pathVariables values of the matched route's {@code {name}} segments
 */
record SimulatorRequest(SimulatorHost host, String method, String uri, String path, HttpHeaders headers, String body,
		ClientCertificate certificate, String requestId, Instant receivedAt, Map<String, String> pathVariables) {

	static SimulatorRequest of(SimulatorHost host, HttpServerRequest request, String body,
			ClientCertificate certificate, String requestId, Instant receivedAt) {
		String uri = request.uri();
		int query = uri.indexOf('?');
		String path = (query >= 0) ? uri.substring(0, query) : uri;
		return new SimulatorRequest(host, request.method().name(), uri, path, request.requestHeaders().copy(), body,
				certificate, requestId, receivedAt, Map.of());
	}

	SimulatorRequest withPathVariables(Map<String, String> variables) {
		return new SimulatorRequest(this.host, this.method, this.uri, this.path, this.headers, this.body,
				this.certificate, this.requestId, this.receivedAt, Map.copyOf(variables));
	}

	String header(String name) {
		return this.headers.get(name);
	}

	String pathVariable(String name) {
		return this.pathVariables.get(name);
	}

	/**
	 * Returns the token of an {@code Authorization: Bearer} header.
	 * @return the token, or {@code null} without such a header
	 */
	String bearerToken() {
		String authorization = this.headers.get(HttpHeaderNames.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return authorization.substring(7).trim();
		}
		return null;
	}

	Map<String, List<String>> headerMap() {
		Map<String, List<String>> map = new LinkedHashMap<>();
		for (String name : this.headers.names()) {
			map.put(name, this.headers.getAll(name));
		}
		return map;
	}

}
