package io.github.checkoutmtls.test.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The API host's behaviour settings of {@link CheckoutMtlsSimulatorBuilder}: idempotency,
 * payments and response headers. Each default follows Checkout's docs where they say
 * something, and is marked as the simulator's choice where they do not.
 *
 * @param <B> the builder type
 */
abstract class ApiOptions<B extends ApiOptions<B>> {

	int concurrentDuplicateStatus = 429;

	Duration idempotencyKeyLifetime = Duration.ofHours(24);

	final List<String> idempotentEndpoints = new ArrayList<>(IdempotencySettings.CHECKOUT_ENDPOINTS);

	IdempotencyKeyReuse idempotencyKeyReuse = IdempotencyKeyReuse.REPLAY;

	Duration actionProcessingTime = Duration.ofMillis(500);

	boolean requireProcessingChannelId;

	boolean actionRefusalBodies;

	String ckoVersion = "1.0.0";

	abstract B self();

	/**
	 * Sets the status of a same-key request while the first is still processed: 429
	 * unless set, as Checkout's "Idempotency" docs say; a newer Checkout support article
	 * says 409. Sent without a body.
	 * @param status 409 or 429
	 * @return this builder
	 */
	public B concurrentDuplicateStatus(int status) {
		if (status != 409 && status != 429) {
			throw new IllegalArgumentException("'concurrentDuplicateStatus' must be 409 or 429, was " + status);
		}
		this.concurrentDuplicateStatus = status;
		return self();
	}

	/**
	 * Sets how long a stored answer is replayed for its key, 24 hours unless set as in
	 * both of Checkout's environments ("Idempotency", 2024-2026), measured on the
	 * builder's {@link CheckoutMtlsSimulatorBuilder#clock clock}.
	 * @param lifetime the lifetime
	 * @return this builder
	 */
	public B idempotencyKeyLifetime(Duration lifetime) {
		this.idempotencyKeyLifetime = positive(lifetime, "idempotencyKeyLifetime");
		return self();
	}

	/**
	 * Replaces the POST endpoints on which {@code Cko-Idempotency-Key} is honoured;
	 * unless set, Checkout's documented list: {@code /payments},
	 * {@code /payments/{id}/authorizations}, {@code /captures}, {@code /refunds},
	 * {@code /voids}, {@code /cancellations}, {@code /payment-contexts} and
	 * {@code /transfers}. Elsewhere the key is ignored and each request is processed.
	 * @param pathTemplates path templates such as {@code /payments/{id}/captures}
	 * @return this builder
	 */
	public B idempotentEndpoints(String... pathTemplates) {
		List<String> templates = new ArrayList<>();
		for (String template : pathTemplates) {
			templates.add(PathTemplate.of(template).toString());
		}
		this.idempotentEndpoints.clear();
		this.idempotentEndpoints.addAll(templates);
		return self();
	}

	/**
	 * Sets what a stored key on another request gets, {@link IdempotencyKeyReuse#REPLAY}
	 * unless set. Not documented by Checkout.
	 * @param reuse the behaviour
	 * @return this builder
	 */
	public B idempotencyKeyReuse(IdempotencyKeyReuse reuse) {
		this.idempotencyKeyReuse = Objects.requireNonNull(reuse, "'reuse' must not be null");
		return self();
	}

	/**
	 * Sets how long after its 202 a capture, refund or void changes the payment, 500 ms
	 * unless set, on the builder's clock. Checkout processes actions asynchronously; how
	 * long it takes is not documented.
	 * @param processingTime the delay, zero for at once
	 * @return this builder
	 */
	public B actionProcessingTime(Duration processingTime) {
		Objects.requireNonNull(processingTime, "'processingTime' must not be null");
		if (processingTime.isNegative()) {
			throw new IllegalArgumentException("'actionProcessingTime' must not be negative, was " + processingTime);
		}
		this.actionProcessingTime = processingTime;
		return self();
	}

	/**
	 * Sets whether {@code POST /payments} requires a {@code processing_channel_id}, as
	 * some Checkout accounts do; off unless set.
	 * @param required whether it is required
	 * @return this builder
	 */
	public B requireProcessingChannelId(boolean required) {
		this.requireProcessingChannelId = required;
		return self();
	}

	/**
	 * Sets whether a capture, refund or void the payment does not allow gets a body with
	 * its 403 ({@code action_not_allowed} and, say, {@code payment_not_capturable}, the
	 * simulator's own codes). Off unless set: Checkout documents the status, not a body.
	 * @param bodies whether to add a body
	 * @return this builder
	 */
	public B actionRefusalBodies(boolean bodies) {
		this.actionRefusalBodies = bodies;
		return self();
	}

	/**
	 * Sets the {@code Cko-Version} header every response carries, {@code 1.0.0} unless
	 * set. Checkout sends the header but does not document its values.
	 * @param version the header value
	 * @return this builder
	 */
	public B ckoVersion(String version) {
		this.ckoVersion = Objects.requireNonNull(version, "'version' must not be null");
		return self();
	}

	IdempotencySettings idempotencySettings() {
		return new IdempotencySettings(this.idempotentEndpoints.stream().map(PathTemplate::of).toList(),
				this.idempotencyKeyLifetime, this.concurrentDuplicateStatus, this.idempotencyKeyReuse);
	}

	static Duration positive(Duration duration, String name) {
		Objects.requireNonNull(duration, "'" + name + "' must not be null");
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("'" + name + "' must be positive, was " + duration);
		}
		return duration;
	}

}
