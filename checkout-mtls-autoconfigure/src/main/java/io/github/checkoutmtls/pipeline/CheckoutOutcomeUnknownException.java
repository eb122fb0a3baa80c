package io.github.checkoutmtls.pipeline;

import java.net.URI;

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

	private final String idempotencyKey;

	private final int attempts;

	private final String path;

	private final String reason;

	CheckoutOutcomeUnknownException(HttpMethod method, URI uri, String idempotencyKey, int attempts, String reason,
			Throwable cause) {
		super(cause, method, uri, HttpHeaders.EMPTY);
		this.idempotencyKey = idempotencyKey;
		this.attempts = attempts;
		this.path = uri.getRawPath();
		this.reason = reason;
	}

	/**
	 * Returns the request's {@code Cko-Idempotency-Key}, to send it again with.
	 * @return the key, or {@code null} when the request had none (it is then not safe to
	 * send again)
	 */
	public String getIdempotencyKey() {
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
				: "It carried no idempotency key Checkout honours on this endpoint, so sending it again may take"
						+ " effect twice: look it up before acting on it.";
		return "The outcome of " + getMethod() + " " + this.path + " is unknown after " + this.attempts
				+ " attempt(s): " + this.reason + ". Checkout may or may not have processed it. " + advice;
	}

}
