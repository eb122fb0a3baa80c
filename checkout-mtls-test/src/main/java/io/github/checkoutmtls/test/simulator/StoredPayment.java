package io.github.checkoutmtls.test.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * A payment as first created or seeded, with the actions taken on it since. What a client
 * sees depends on the time: an accepted action changes the payment once processed. The
 * rules for new actions look at every accepted action, processed or not, so two quick
 * captures cannot take more than was authorized.
 *
 * @param created the payment as created or seeded
 * @param authorization the action that created it, or {@code null} (pending, or seeded)
 * @param actions the captures, refunds and voids accepted since, oldest first
 */
record StoredPayment(Payment created, SimulatedAction authorization, List<SimulatedAction> actions) {

	StoredPayment {
		actions = List.copyOf(actions);
	}

	StoredPayment with(SimulatedAction action) {
		List<SimulatedAction> more = new ArrayList<>(this.actions);
		more.add(action);
		return new StoredPayment(this.created, this.authorization, more);
	}

	/**
	 * Returns the payment as a client reading it at {@code now} sees it.
	 */
	Payment at(Instant now) {
		return apply((action) -> action.effectiveAt(now));
	}

	/**
	 * Returns the payment with every accepted action applied, for the rules of the next
	 * action.
	 */
	Payment accepted() {
		return apply((action) -> true);
	}

	/**
	 * Returns the actions processed by {@code now}, newest first, the order of the API
	 * reference's example.
	 */
	List<SimulatedAction> actionsAt(Instant now) {
		List<SimulatedAction> processed = new ArrayList<>();
		if (this.authorization != null) {
			processed.add(this.authorization);
		}
		this.actions.stream().filter((action) -> action.effectiveAt(now)).forEach(processed::add);
		Collections.reverse(processed);
		return processed;
	}

	private Payment apply(Predicate<SimulatedAction> included) {
		long captured = this.created.capturedAmount();
		long refunded = this.created.refundedAmount();
		boolean voided = false;
		for (SimulatedAction action : this.actions) {
			if (included.test(action)) {
				switch (action.type()) {
					case SimulatedAction.CAPTURE -> captured += action.amount();
					case SimulatedAction.REFUND -> refunded += action.amount();
					default -> voided = true;
				}
			}
		}
		return this.created.withBalances(status(captured, refunded, voided), captured, refunded);
	}

	private String status(long captured, long refunded, boolean voided) {
		if (voided) {
			return Payment.VOIDED;
		}
		if (refunded > this.created.refundedAmount()) {
			return (refunded >= captured) ? Payment.REFUNDED : Payment.PARTIALLY_REFUNDED;
		}
		if (captured > this.created.capturedAmount()) {
			return (captured >= this.created.amount()) ? Payment.CAPTURED : Payment.PARTIALLY_CAPTURED;
		}
		return this.created.status();
	}

}
