package io.github.checkoutmtls.test.simulator;

/**
 * What a request gets when it carries a stored {@code Cko-Idempotency-Key} but is not the
 * request the key was stored for (another body, path or method). Not documented by
 * Checkout ("Idempotency", 2024-2026 revisions), so a choice of the simulator's builder.
 */
public enum IdempotencyKeyReuse {

	/**
	 * The key alone names the request: the stored answer is replayed, whatever the body.
	 * The default, as the literal reading of Checkout's docs, which say a repeat with the
	 * key returns the stored answer.
	 */
	REPLAY,

	/**
	 * The request is refused with 422 {@code request_invalid} and
	 * {@code idempotency_key_reused} (the simulator's own code), as some other payment
	 * APIs do; nothing is processed.
	 */
	REJECT

}
