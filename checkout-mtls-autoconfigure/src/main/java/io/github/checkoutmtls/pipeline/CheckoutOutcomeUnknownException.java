package io.github.checkoutmtls.pipeline;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * A request that may have changed state at Checkout was sent, and no final answer was
 * obtained: the connection was lost or timed out after the request was written, or
 * Checkout kept reporting it as still in progress until the deadline. It may have been
 * processed, or not. Do not assume it failed: look it up (for a payment,
 * {@code GET /payments?reference=...} or your webhooks), or send it again later with the
 * same {@code Cko-Idempotency-Key}, which Checkout keeps for 24 hours (docs
 * "Idempotency", Jan 2026) so a repeat of a processed request replays its answer instead
 * of taking effect twice.
 *
 * <p>
 * It is a {@link WebClientRequestException} so that {@code WebClient} passes it to the
 * caller unchanged; {@code RestClient} callers catch it by its own type.
 */
public class CheckoutOutcomeUnknownException extends WebClientRequestException {

	private final @Nullable String idempotencyKey;

	private final int attempts;

	private final String path;

	private final String reason;

	/**
	 * Creates a new instance. The starter throws it itself; the constructor is public for
	 * code that reports an unknown outcome of its own, such as a test double of the typed
	 * API.
	 * @param method the request's method
	 * @param uri the request's URI
	 * @param idempotencyKey the request's {@code Cko-Idempotency-Key}, or {@code null}
	 * when none is known
	 * @param attempts how many times it was sent, or {@code 0} when not known
	 * @param reason why its outcome is unknown, a clause such as "no response within 60 s
	 * after it was written"
	 * @param cause the failure behind it
	 */
	public CheckoutOutcomeUnknownException(HttpMethod method, URI uri, @Nullable String idempotencyKey, int attempts,
			String reason, Throwable cause) {
		super(cause, method, uri, HttpHeaders.EMPTY);
		this.idempotencyKey = idempotencyKey;
		this.attempts = attempts;
		this.path = uri.getRawPath();
		this.reason = reason;
	}

	/**
	 * Returns the request's {@code Cko-Idempotency-Key}, to send it again with.
	 * @return the key, or {@code null} when none is known (it is then not safe to send
	 * again)
	 */
	public @Nullable String getIdempotencyKey() {
		return this.idempotencyKey;
	}

	/**
	 * Returns how many attempts were made.
	 * @return the number of attempts
	 */
	public int getAttempts() {
		return this.attempts;
	}

	/**
	 * Returns the request's path.
	 * @return the path
	 */
	public String getPath() {
		return this.path;
	}

	@Override
	public String getMessage() {
		String advice = (this.idempotencyKey != null)
				? "Look it up before acting on it, or send it again later with the same Cko-Idempotency-Key '"
						+ this.idempotencyKey + "' (Checkout keeps keys 24 h): a repeat of a processed request"
						+ " replays its answer."
				: "No idempotency key Checkout honours on this endpoint is known for it, so sending it again may"
						+ " take effect twice: look it up before acting on it.";
		String after = (this.attempts > 0) ? " after " + this.attempts + " attempt(s)" : "";
		return "The outcome of " + getMethod() + " " + this.path + " is unknown" + after + ": " + this.reason
				+ ". Checkout may or may not have processed it. " + advice;
	}

}
