package io.github.checkoutmtls.sample;

/**
 * A payment as Checkout returns it (the fields this gateway uses).
 *
 * @param id the payment id
 * @param status the status, e.g. {@code Authorized} or {@code Pending}
 * @param amount the amount in minor units; absent from a 202 (pending) answer
 * @param currency the ISO currency code
 * @param reference the merchant's reference
 * @param approved whether the payment was approved
 */
public record Payment(String id, String status, Long amount, String currency, String reference, Boolean approved) {

}
