package io.github.checkoutmtls.test.simulator;

import java.time.Duration;
import java.util.List;

/**
 * How the API host honours {@code Cko-Idempotency-Key}, as the builder set it.
 *
 * @param endpoints the POST paths on which a key is honoured
 * @param lifetime how long a stored answer is kept
 * @param concurrentDuplicateStatus the status of a repeat while the first request is
 * processed
 * @param keyReuse what a stored key on another request gets
 */
record IdempotencySettings(List<PathTemplate> endpoints, Duration lifetime, int concurrentDuplicateStatus,
		IdempotencyKeyReuse keyReuse) {

	/**
	 * The endpoints on which Checkout honours the key ("Idempotency", 2024-2026
	 * revisions).
	 */
	static final List<String> CHECKOUT_ENDPOINTS = List.of("/payments", "/payments/{id}/authorizations",
			"/payments/{id}/captures", "/payments/{id}/refunds", "/payments/{id}/voids", "/payments/{id}/cancellations",
			"/payment-contexts", "/transfers");

	boolean honours(SimulatorRequest request) {
		return "POST".equals(request.method())
				&& this.endpoints.stream().anyMatch((endpoint) -> endpoint.match(request.path()) != null);
	}

}
