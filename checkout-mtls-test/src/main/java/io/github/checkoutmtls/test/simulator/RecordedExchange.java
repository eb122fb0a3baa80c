package io.github.checkoutmtls.test.simulator;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A request that reached the simulator after a successful handshake, recorded on arrival
 * (once its body was read): requests later reset, delayed or never answered are included,
 * as are those answered by a fault or replayed for an idempotency key. A snapshot:
 * {@link CheckoutMtlsSimulator#exchanges()} returns the state of each exchange at the
 * time of the call.
 *
 * <p>
 * {@link #toString()} leaves out header values and the body, which may carry bearer
 * tokens or client secrets.
 *
 * @param host the host that received it
 * @param method the HTTP method
 * @param path the path, with the query string if any
 * @param headers the request headers, read-only, with case-insensitive keys
 * @param body the request body, decoded as UTF-8, empty if there was none
 * @param leafCommonName CN of the client leaf presented on the connection
 * @param leafThumbprint RFC 8705 {@code x5t#S256} of the client leaf presented on the
 * connection
 * @param bearerToken token of an {@code Authorization: Bearer} header, or {@code null}
 * @param status the status of the response, sent or (after a reset fault) decided but
 * never sent; 0 while no answer is decided, and after a reset before processing
 * @param requestId the {@code Cko-Request-Id} of the response
 * @param receivedAt when the request arrived
 * @param fault the fault injected into the exchange, such as {@code status 503},
 * {@code latency PT1S}, {@code rate limit}, {@code reset before processing},
 * {@code reset after processing} or {@code reset while processing PT1S}, or {@code null}
 * @param handling what the simulator did with the request
 * @param responseSent whether a response was written to the client
 */
public record RecordedExchange(SimulatorHost host, String method, String path, Map<String, List<String>> headers,
		String body, String leafCommonName, String leafThumbprint, String bearerToken, int status, String requestId,
		Instant receivedAt, String fault, Handling handling, boolean responseSent) {

	/**
	 * Creates a new instance, copying the headers into a read-only case-insensitive map.
	 * @param host the host that received it
	 * @param method the HTTP method
	 * @param path the path, with the query string if any
	 * @param headers the request headers
	 * @param body the request body as text
	 * @param leafCommonName CN of the client leaf
	 * @param leafThumbprint {@code x5t#S256} of the client leaf
	 * @param bearerToken bearer token, or {@code null}
	 * @param status the response status, or 0
	 * @param requestId the {@code Cko-Request-Id} of the response
	 * @param receivedAt when the request arrived
	 * @param fault the injected fault, or {@code null}
	 * @param handling what the simulator did with the request
	 * @param responseSent whether a response was written
	 */
	public RecordedExchange {
		TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> copy.merge(name, List.copyOf(values), RecordedExchange::concat));
		headers = Collections.unmodifiableMap(copy);
	}

	/**
	 * Returns whether the response replayed the one stored for the request's
	 * {@code Cko-Idempotency-Key}.
	 * @return whether the exchange was a replay
	 */
	public boolean replayed() {
		return this.handling == Handling.REPLAYED;
	}

	/**
	 * Returns whether a route or stub handler ran for the request, so that it took effect
	 * at "Checkout".
	 * @return whether the request was processed
	 */
	public boolean processed() {
		return this.handling == Handling.PROCESSED;
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
		return "RecordedExchange[" + this.host + " " + this.method + " " + this.path + " -> " + this.status + " "
				+ this.handling + ", responseSent=" + this.responseSent + ", cn=" + this.leafCommonName + ", requestId="
				+ this.requestId + ", fault=" + this.fault + ", headers=" + this.headers.keySet() + "]";
	}

	/**
	 * What the simulator did with a request.
	 */
	public enum Handling {

		/**
		 * Arrived; nothing decided yet, for example during a latency fault or before a
		 * delayed processing.
		 */
		RECEIVED,

		/**
		 * A route or stub handler ran: the request took effect, whatever status it
		 * answered.
		 */
		PROCESSED,

		/**
		 * Answered with the response stored for its {@code Cko-Idempotency-Key}, without
		 * processing.
		 */
		REPLAYED,

		/**
		 * Answered as a concurrent duplicate: its key's first request was still being
		 * processed.
		 */
		CONCURRENT_DUPLICATE,

		/**
		 * Refused without processing: by a fault ({@code status}, {@code rateLimit},
		 * {@code resetBeforeProcessing}), by the certificate or token checks (401), or
		 * for reusing a key when {@link IdempotencyKeyReuse#REJECT} is chosen.
		 */
		REFUSED,

		/**
		 * No route or stub matched: answered with the simulator's unknown-route error.
		 */
		NOT_ROUTED

	}

}
