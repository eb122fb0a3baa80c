package io.github.checkoutmtls.test.simulator;

import java.time.Instant;

/**
 * One action on a payment, as {@code GET /payments/{id}/actions} lists it.
 *
 * @param id the action id, {@code act_...}
 * @param type Checkout's action type, such as {@code Authorization} or {@code Capture}
 * @param amount the amount in minor units
 * @param reference the merchant's reference, or {@code null}
 * @param processedOn when the action takes (or took) effect
 * @param approved whether it succeeded
 * @param responseCode Checkout's response code, such as {@code 10000}
 * @param responseSummary its text, such as {@code Approved}
 */
record SimulatedAction(String id, String type, long amount, String reference, Instant processedOn, boolean approved,
		String responseCode, String responseSummary) {

	static final String AUTHORIZATION = "Authorization";

	static final String CARD_VERIFICATION = "Card Verification";

	static final String CAPTURE = "Capture";

	static final String REFUND = "Refund";

	static final String VOID = "Void";

	static SimulatedAction approved(String type, long amount, String reference, Instant processedOn) {
		return new SimulatedAction(Ids.actionId(), type, amount, reference, processedOn, true, "10000", "Approved");
	}

	boolean effectiveAt(Instant now) {
		return !this.processedOn.isAfter(now);
	}

}
