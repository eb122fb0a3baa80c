package io.github.checkoutmtls.sample;

/**
 * A request to take a payment.
 *
 * @param amount the amount in minor units
 * @param currency the ISO currency code
 * @param reference the merchant's reference
 */
public record PaymentRequest(long amount, String currency, String reference) {

}
