package io.github.checkoutmtls.test.simulator;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A request the simulator answered, after a successful handshake, including requests answered by an injected
 * fault and idempotent replays.
 *
 * <p>{@link #toString()} leaves out header values and the body, which may carry bearer tokens or client
 * secrets.
 *
 * @param host the host that answered
 * @param method the HTTP method
 * @param path the path, with the query string if any
 * @param headers the request headers, read-only, with case-insensitive keys
 * @param body the request body as text, empty if there was none
 * @param leafCommonName CN of the client leaf presented on the connection
 * @param leafThumbprint RFC 8705 {@code x5t#S256} of the client leaf presented on the connection
 * @param bearerToken token of an {@code Authorization: Bearer} header, or {@code null}
 * @param status the response status; after a {@link PathFaults#resetAfterProcessing() reset} fault, the
 * status of the response that was processed but never sent
 * @param requestId the {@code Cko-Request-Id} sent back
 * @param receivedAt when the request arrived
 * @param fault the fault injected into the exchange, such as {@code status 503}, {@code latency PT1S},
 * {@code rate limit} or {@code reset after processing}, or {@code null}
 * @param replayed whether the response replayed the one kept for the request's {@code Cko-Idempotency-Key}
 */
public record RecordedExchange(SimulatorHost host, String method, String path, Map<String, List<String>> headers,
		String body, String leafCommonName, String leafThumbprint, String bearerToken, int status, String requestId,
		Instant receivedAt, String fault, boolean replayed) {

	/**
	 * Creates a new instance, copying the headers into a read-only case-insensitive map.
	 * @param host the host that answered
	 * @param method the HTTP method
	 * @param path the path, with the query string if any
	 * @param headers the request headers
	 * @param body the request body as text
	 * @param leafCommonName CN of the client leaf
	 * @param leafThumbprint {@code x5t#S256} of the client leaf
	 * @param bearerToken bearer token, or {@code null}
	 * @param status the response status
	 * @param requestId the {@code Cko-Request-Id} sent back
	 * @param receivedAt when the request arrived
	 * @param fault the injected fault, or {@code null}
	 * @param replayed whether the response was an idempotent replay
	 */
	public RecordedExchange {
		TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> copy.merge(name, List.copyOf(values), RecordedExchange::concat));
		headers = Collections.unmodifiableMap(copy);
	}

	/**
	 * Creates a new instance for an exchange without a fault or a replay.
	 * @param host the host that answered
	 * @param method the HTTP method
	 * @param path the path, with the query string if any
	 * @param headers the request headers
	 * @param body the request body as text
	 * @param leafCommonName CN of the client leaf
	 * @param leafThumbprint {@code x5t#S256} of the client leaf
	 * @param bearerToken bearer token, or {@code null}
	 * @param status the response status
	 * @param requestId the {@code Cko-Request-Id} sent back
	 * @param receivedAt when the request arrived
	 */
	public RecordedExchange(SimulatorHost host, String method, String path, Map<String, List<String>> headers,
			String body, String leafCommonName, String leafThumbprint, String bearerToken, int status,
			String requestId, Instant receivedAt) {
		this(host, method, path, headers, body, leafCommonName, leafThumbprint, bearerToken, status, requestId,
				receivedAt, null, false);
	}

	/**
	 * Returns the request's {@code Cko-Idempotency-Key}.
	 * @return the key, or {@code null} if the request had none
	 */
	public String idempotencyKey() {
		return header(IdempotencyStore.KEY_HEADER);
	}

	/**
	 * Returns the first value of a request header.
	 * @param name the header name, in any case
	 * @return the first value, or {@code null} if the header was absent
	 */
	public String header(String name) {
		List<String> values = this.headers.get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	private static List<String> concat(List<String> first, List<String> second) {
		return Stream.concat(first.stream(), second.stream()).toList();
	}

	@Override
	public String toString() {
		return "RecordedExchange[" + this.host + " " + this.method + " " + this.path + " -> " + this.status + ", cn="
				+ this.leafCommonName + ", requestId=" + this.requestId + ", fault=" + this.fault + ", replayed="
				+ this.replayed + ", headers=" + this.headers.keySet() + "]";
	}

}
