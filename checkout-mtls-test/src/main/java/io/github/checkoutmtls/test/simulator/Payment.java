package io.github.checkoutmtls.test.simulator;

import java.time.Instant;
import java.util.Set;

/**
 * A payment held by the simulator, as {@code GET /payments/{id}} would show it at the
 * time it was read: actions accepted with 202 change it only once processed (see
 * {@link CheckoutMtlsSimulatorBuilder#actionProcessingTime(java.time.Duration)}).
 *
 * @param id the payment id, {@code pay_...}
 * @param status Checkout's status text, for example {@code Authorized} or
 * {@code Declined}
 * @param amount the amount in the currency's minor unit
 * @param currency the ISO 4217 currency code
 * @param reference the merchant's reference, or {@code null}
 * @param approved whether the authorization succeeded
 * @param requestedOn when the payment was created
 * @param capturedAmount how much of the amount was captured, in minor units
 * @param refundedAmount how much of the captured amount was refunded, in minor units
 */
public record Payment(String id, String status, long amount, String currency, String reference, boolean approved,
		Instant requestedOn, long capturedAmount, long refundedAmount) {

	/**
	 * {@code Authorized}: can be captured or voided.
	 */
	public static final String AUTHORIZED = "Authorized";

	/**
	 * {@code Card Verified}: a zero-amount card verification succeeded.
	 */
	public static final String CARD_VERIFIED = "Card Verified";

	/**
	 * {@code Pending}: waiting for the customer, for example for 3-D Secure.
	 */
	public static final String PENDING = "Pending";

	/**
	 * {@code Declined}: the authorization failed.
	 */
	public static final String DECLINED = "Declined";

	/**
	 * {@code Partially Captured}: part of the authorized amount was captured; the rest
	 * can be captured, the captured part refunded.
	 */
	public static final String PARTIALLY_CAPTURED = "Partially Captured";

	/**
	 * {@code Captured}: can be refunded.
	 */
	public static final String CAPTURED = "Captured";

	/**
	 * {@code Partially Refunded}: can be refunded further, up to the captured amount.
	 */
	public static final String PARTIALLY_REFUNDED = "Partially Refunded";

	/**
	 * {@code Refunded}: the whole captured amount was refunded.
	 */
	public static final String REFUNDED = "Refunded";

	/**
	 * {@code Voided}: the authorization was released.
	 */
	public static final String VOIDED = "Voided";

	private static final Set<String> CAPTURED_STATES = Set.of(CAPTURED, PARTIALLY_REFUNDED, REFUNDED);

	/**
	 * Creates a payment whose captured and refunded amounts follow from its status: the
	 * whole amount is captured when the status is {@code Captured},
	 * {@code Partially Refunded} or {@code Refunded}, and refunded when it is
	 * {@code Refunded}.
	 * @param id the payment id
	 * @param status the status text
	 * @param amount the amount in minor units
	 * @param currency the currency code
	 * @param reference the merchant's reference, or {@code null}
	 * @param approved whether the authorization succeeded
	 * @param requestedOn when the payment was created
	 */
	public Payment(String id, String status, long amount, String currency, String reference, boolean approved,
			Instant requestedOn) {
		this(id, status, amount, currency, reference, approved, requestedOn,
				CAPTURED_STATES.contains(status) ? amount : 0, REFUNDED.equals(status) ? amount : 0);
	}

	Payment withBalances(String status, long capturedAmount, long refundedAmount) {
		return new Payment(this.id, status, this.amount, this.currency, this.reference, this.approved, this.requestedOn,
				capturedAmount, refundedAmount);
	}

	long refundableAmount() {
		return this.capturedAmount - this.refundedAmount;
	}

}
