package io.github.checkoutmtls.test.simulator;

import java.time.Instant;

/**
 * A payment held by the simulator.
 *
 * @param id the payment id, {@code pay_...}
 * @param status Checkout's status text, for example {@code Authorized} or {@code Declined}
 * @param amount the amount in the currency's minor unit
 * @param currency the ISO 4217 currency code
 * @param reference the merchant's reference, or {@code null}
 * @param approved whether the authorization succeeded
 * @param requestedOn when the payment was created
 */
public record Payment(String id, String status, long amount, String currency, String reference, boolean approved,
		Instant requestedOn) {

}
