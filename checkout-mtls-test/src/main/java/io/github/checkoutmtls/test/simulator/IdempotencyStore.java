package io.github.checkoutmtls.test.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The API host's {@code Cko-Idempotency-Key}s, following Checkout's "Idempotency" page
 * (2024-2026 revisions):
 * <ul>
 * <li>a key counts only on a POST to one of the {@link IdempotencySettings#endpoints()
 * idempotent endpoints}; elsewhere it is ignored and every request is processed;</li>
 * <li>the first request with a key claims it and is processed; only a 2xx answer is
 * stored, a 4xx or 5xx frees the key so that a repeat is processed again;</li>
 * <li>a repeat after a stored answer gets that answer replayed, for the key's lifetime
 * (24 hours unless set), counted from when it was stored on the builder's clock;</li>
 * <li>a repeat while the first is still processed gets the concurrent-duplicate
 * answer;</li>
 * <li>a stored key on another request: see {@link IdempotencyKeyReuse}.</li>
 * </ul>
 */
final class IdempotencyStore {

	static final String KEY_HEADER = "Cko-Idempotency-Key";

	private final Map<String, Entry> entries = new HashMap<>();

	private final IdempotencySettings settings;

	private final Clock clock;

	IdempotencyStore(IdempotencySettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	IdempotencySettings settings() {
		return this.settings;
	}

	/**
	 * Claims a request's key, or says why it cannot.
	 * @param request the request
	 * @return the claim
	 */
	synchronized Claim claim(SimulatorRequest request) {
		String key = request.header(KEY_HEADER);
		if (key == null || key.isBlank() || !this.settings.honours(request)) {
			return new Claim(Claim.Kind.NONE, null, null);
		}
		Entry existing = this.entries.get(key);
		if (existing != null && existing.expired(this.clock.instant())) {
			this.entries.remove(key);
			existing = null;
		}
		Entry claimed = new Entry(fingerprint(request), null, null);
		if (existing == null) {
			this.entries.put(key, claimed);
			return new Claim(Claim.Kind.CLAIMED, key, claimed);
		}
		if (!existing.fingerprint().equals(claimed.fingerprint())
				&& this.settings.keyReuse() == IdempotencyKeyReuse.REJECT) {
			return new Claim(Claim.Kind.REUSED, key, existing);
		}
		return new Claim((existing.response() != null) ? Claim.Kind.REPLAY : Claim.Kind.CONCURRENT, key, existing);
	}

	/**
	 * Stores the 2xx answer to a claimed request, or frees the key after any other.
	 * @param claim the claim
	 * @param response the response
	 */
	synchronized void complete(Claim claim, SimulatorResponse response) {
		if (response.status() / 100 == 2) {
			Instant expiresAt = this.clock.instant().plus(this.settings.lifetime());
			this.entries.replace(claim.key(), claim.entry(),
					new Entry(claim.entry().fingerprint(), response, expiresAt));
		}
		else {
			release(claim);
		}
	}

	/**
	 * Frees a claimed key whose request was not answered, unless an answer was stored for
	 * it already.
	 * @param claim the claim
	 */
	synchronized void release(Claim claim) {
		this.entries.remove(claim.key(), claim.entry());
	}

	/**
	 * Forgets every key and stored answer.
	 */
	synchronized void clear() {
		this.entries.clear();
	}

	private static String fingerprint(SimulatorRequest request) {
		return request.method() + " " + request.path() + "\n" + request.body();
	}

	/**
	 * A key's request and, once answered with a 2xx, its response and when it expires.
	 */
	record Entry(String fingerprint, SimulatorResponse response, Instant expiresAt) {

		boolean expired(Instant now) {
			return this.expiresAt != null && !now.isBefore(this.expiresAt);
		}

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
			 * No key, or not a POST to an idempotent endpoint: process without
			 * idempotency.
			 */
			NONE,

			/**
			 * The request claimed the key: process, then {@link #complete} or
			 * {@link #release}.
			 */
			CLAIMED,

			/**
			 * A 2xx answer is stored for the key: replay it.
			 */
			REPLAY,

			/**
			 * The key's first request is still being processed: the concurrent-duplicate
			 * answer.
			 */
			CONCURRENT,

			/**
			 * Another request used the key, and {@link IdempotencyKeyReuse#REJECT} is
			 * chosen: 422.
			 */
			REUSED

		}

	}

}
