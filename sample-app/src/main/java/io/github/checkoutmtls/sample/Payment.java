package io.github.checkoutmtls.sample;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A payment as Checkout returns it (the fields this gateway uses).
 *
 * @param id the payment id
 * @param status the status, e.g. {@code Authorized} or {@code Pending}
 * @param amount the amount in minor units; absent from a 202 Pending answer
 * @param currency the ISO currency code
 * @param reference the merchant's reference
 * @param approved whether the payment was approved
 * @param links the payment's links; a 202 Pending answer has the {@code redirect} for 3-D Secure
 */
public record Payment(String id, String status, Long amount, String currency, String reference, Boolean approved,
		@JsonProperty("_links") Links links) {

	/**
	 * Returns where to send the customer to complete 3-D Secure.
	 * @return the redirect URL, or {@code null} if there is none
	 */
	public String redirectUrl() {
		return (this.links != null && this.links.redirect() != null) ? this.links.redirect().href() : null;
	}

	/**
	 * The links of a payment.
	 *
	 * @param self the payment itself
	 * @param redirect where to send the customer, or {@code null}
	 */
	public record Links(Link self, Link redirect) {

	}

	/**
	 * One link.
	 *
	 * @param href the URL
	 */
	public record Link(String href) {

	}

}
