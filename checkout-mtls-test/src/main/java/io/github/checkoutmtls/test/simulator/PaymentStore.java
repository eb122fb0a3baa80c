package io.github.checkoutmtls.test.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The simulator's payments, seeded by tests or created by {@code POST /payments}, each
 * read as it is at the time of the call on the builder's clock.
 */
public final class PaymentStore {

	private static final Set<String> NOT_APPROVED = Set.of("Declined", "Pending", "Expired", "Canceled");

	private final Map<String, StoredPayment> payments = new ConcurrentHashMap<>();

	private final Clock clock;

	private final Duration actionProcessingTime;

	private final Runnable onClear;

	PaymentStore(Clock clock, Duration actionProcessingTime, Runnable onClear) {
		this.clock = clock;
		this.actionProcessingTime = actionProcessingTime;
		this.onClear = onClear;
	}

	/**
	 * Adds or replaces a payment. It counts as approved unless its status is
	 * {@code Declined}, {@code Pending}, {@code Expired} or {@code Canceled}.
	 * @param id the payment id
	 * @param status the status text
	 * @param amount the amount in minor units
	 * @param currency the currency code
	 * @return the payment
	 */
	public Payment add(String id, String status, long amount, String currency) {
		Payment payment = new Payment(id, status, amount, currency, null, !NOT_APPROVED.contains(status),
				this.clock.instant());
		put(new StoredPayment(payment, null, List.of()));
		return payment;
	}

	/**
	 * Finds a payment.
	 * @param id the payment id
	 * @return the payment, or empty if unknown
	 */
	public Optional<Payment> find(String id) {
		return stored(id).map((payment) -> payment.at(this.clock.instant()));
	}

	/**
	 * Returns all payments, oldest first.
	 * @return a snapshot of the payments
	 */
	public List<Payment> all() {
		Instant now = this.clock.instant();
		return this.payments.values()
			.stream()
			.map((payment) -> payment.at(now))
			.sorted(Comparator.comparing(Payment::requestedOn))
			.toList();
	}

	/**
	 * Returns how many payments the simulator holds, seeded ones included.
	 * @return the number of payments
	 */
	public int count() {
		return this.payments.size();
	}

	/**
	 * Removes every payment, and every stored idempotent answer with them (a replay would
	 * name a payment that no longer exists).
	 */
	public void clear() {
		this.payments.clear();
		this.onClear.run();
	}

	Instant now() {
		return this.clock.instant();
	}

	/**
	 * Returns when an action accepted now takes effect.
	 */
	Instant processedOn() {
		return now().plus(this.actionProcessingTime);
	}

	Optional<StoredPayment> stored(String id) {
		return Optional.ofNullable(this.payments.get(id));
	}

	void put(StoredPayment payment) {
		this.payments.put(payment.created().id(), payment);
	}

	/**
	 * Changes a payment atomically, so that two concurrent actions on it see each other's
	 * result.
	 * @param id the payment id
	 * @param change the change, returning the payment itself to leave it as it is
	 * @return whether the payment exists
	 */
	boolean update(String id, Function<StoredPayment, StoredPayment> change) {
		return this.payments.computeIfPresent(id, (key, payment) -> change.apply(payment)) != null;
	}

}
