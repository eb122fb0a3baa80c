package io.github.checkoutmtls.test.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API host's {@code Cko-Idempotency-Key}s, kept in memory for the simulator's life (Checkout keeps them
 * 24 hours). A key names one request, identified by its method, path and body:
 * <ul>
 * <li>the first request with a key claims it and is processed; its response is kept unless it is a 5xx,
 * which frees the key for a retry;</li>
 * <li>the same request again, after the first was answered, gets the kept response replayed;</li>
 * <li>the same key while the first request is still being processed gets 409;</li>
 * <li>the same key on a different request gets 422 {@code idempotency_key_reused}.</li>
 * </ul>
 */
final class IdempotencyStore {

	static final String KEY_HEADER = "Cko-Idempotency-Key";

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	/**
	 * Claims a request's key, or says why it cannot.
	 * @param request the request
	 * @return the claim
	 */
	Claim claim(SimulatorRequest request) {
		String key = request.header(KEY_HEADER);
		if (!"POST".equals(request.method()) || key == null || key.isBlank()) {
			return new Claim(Claim.Kind.NONE, null, null);
		}
		Entry claimed = new Entry(fingerprint(request), null);
		Entry existing = this.entries.putIfAbsent(key, claimed);
		if (existing == null) {
			return new Claim(Claim.Kind.CLAIMED, key, claimed);
		}
		if (!existing.fingerprint().equals(claimed.fingerprint())) {
			return new Claim(Claim.Kind.REUSED, key, existing);
		}
		return new Claim((existing.response() != null) ? Claim.Kind.REPLAY : Claim.Kind.IN_FLIGHT, key, existing);
	}

	/**
	 * Keeps the response to a claimed request, or frees the key after a 5xx.
	 * @param claim the claim
	 * @param response the response
	 */
	void complete(Claim claim, SimulatorResponse response) {
		if (response.status() >= 500) {
			release(claim);
		}
		else {
			this.entries.replace(claim.key(), claim.entry(), new Entry(claim.entry().fingerprint(), response));
		}
	}

	/**
	 * Frees a claimed key whose request was not answered, unless a response was kept for it already.
	 * @param claim the claim
	 */
	void release(Claim claim) {
		this.entries.remove(claim.key(), claim.entry());
	}

	private static String fingerprint(SimulatorRequest request) {
		return request.method() + " " + request.path() + "\n" + request.body();
	}

	/**
	 * A key's request and, once answered, its response.
	 */
	record Entry(String fingerprint, SimulatorResponse response) {

	}

	/**
	 * The result of {@link #claim(SimulatorRequest)}.
	 *
	 * @param kind what to do with the request
	 * @param key the key, or {@code null} for {@link Kind#NONE}
	 * @param entry the entry the request claimed or found
	 */
	record Claim(Kind kind, String key, Entry entry) {

		enum Kind {

			/**
			 * No key, or not a POST: process without idempotency.
			 */
			NONE,

			/**
			 * The request claimed the key: process, then {@link #complete} or {@link #release}.
			 */
			CLAIMED,

			/**
			 * Same request, answered before: replay its response.
			 */
			REPLAY,

			/**
			 * Same request, still being processed: 409.
			 */
			IN_FLIGHT,

			/**
			 * Another request used the key: 422.
			 */
			REUSED

		}

	}

}
