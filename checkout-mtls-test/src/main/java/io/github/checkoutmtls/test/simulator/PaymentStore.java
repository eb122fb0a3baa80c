package io.github.checkoutmtls.test.simulator;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The simulator's payments, seeded by tests or created by {@code POST /payments}.
 */
public final class PaymentStore {

	private static final Set<String> NOT_APPROVED = Set.of("Declined", "Pending", "Expired", "Canceled");

	private final Map<String, Payment> payments = new ConcurrentHashMap<>();

	PaymentStore() {
	}

	/**
	 * Adds or replaces a payment. It counts as approved unless its status is {@code Declined},
	 * {@code Pending}, {@code Expired} or {@code Canceled}.
	 * @param id the payment id
	 * @param status the status text
	 * @param amount the amount in minor units
	 * @param currency the currency code
	 * @return the payment
	 */
	public Payment add(String id, String status, long amount, String currency) {
		return put(new Payment(id, status, amount, currency, null, !NOT_APPROVED.contains(status), Instant.now()));
	}

	/**
	 * Finds a payment.
	 * @param id the payment id
	 * @return the payment, or empty if unknown
	 */
	public Optional<Payment> find(String id) {
		return Optional.ofNullable(this.payments.get(id));
	}

	/**
	 * Returns all payments, oldest first.
	 * @return a snapshot of the payments
	 */
	public List<Payment> all() {
		return this.payments.values().stream().sorted(Comparator.comparing(Payment::requestedOn)).toList();
	}

	/**
	 * Returns how many payments the simulator holds, seeded ones included.
	 * @return the number of payments
	 */
	public int count() {
		return this.payments.size();
	}

	/**
	 * Removes every payment.
	 */
	public void clear() {
		this.payments.clear();
	}

	Payment put(Payment payment) {
		this.payments.put(payment.id(), payment);
		return payment;
	}

	/**
	 * Changes a payment atomically, so that two concurrent actions on it see each other's result.
	 * @param id the payment id
	 * @param change the change, returning the payment itself to leave it as it is
	 * @return the payment after the change, or empty if unknown
	 */
	Optional<Payment> update(String id, UnaryOperator<Payment> change) {
		return Optional.ofNullable(this.payments.computeIfPresent(id, (key, payment) -> change.apply(payment)));
	}

}
