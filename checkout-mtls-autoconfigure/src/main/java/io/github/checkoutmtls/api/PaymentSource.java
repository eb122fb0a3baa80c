package io.github.checkoutmtls.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code source} of a payment request: a token, a stored instrument or customer, or
 * card details. {@link #toString()} never shows a card number beyond its last four
 * digits, nor the CVV.
 *
 * @param type Checkout's source type: {@code token}, {@code id}, {@code customer} or
 * {@code card}
 * @param token a Checkout token ({@code tok_...}), for {@code token}
 * @param id a stored instrument ({@code src_...}) or customer ({@code cus_...}) id
 * @param number the card number, for {@code card}
 * @param expiryMonth the card's expiry month, for {@code card}
 * @param expiryYear the card's expiry year, for {@code card}
 * @param cvv the card verification value, for {@code card}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentSource(@JsonProperty("type") String type, @JsonProperty("token") String token,
		@JsonProperty("id") String id, @JsonProperty("number") String number,
		@JsonProperty("expiry_month") Integer expiryMonth, @JsonProperty("expiry_year") Integer expiryYear,
		@JsonProperty("cvv") String cvv) {

	/**
	 * Returns a source paying with a Checkout token.
	 * @param token the token, {@code tok_...}
	 * @return the source
	 */
	public static PaymentSource token(String token) {
		return new PaymentSource("token", token, null, null, null, null, null);
	}

	/**
	 * Returns a source paying with a stored instrument.
	 * @param id the instrument id, {@code src_...}
	 * @return the source
	 */
	public static PaymentSource instrument(String id) {
		return new PaymentSource("id", null, id, null, null, null, null);
	}

	/**
	 * Returns a source paying with card details, for merchants allowed to handle them.
	 * @param number the card number
	 * @param expiryMonth the expiry month, 1 to 12
	 * @param expiryYear the four-digit expiry year
	 * @param cvv the card verification value, or {@code null}
	 * @return the source
	 */
	public static PaymentSource card(String number, int expiryMonth, int expiryYear, String cvv) {
		return new PaymentSource("card", null, null, number, expiryMonth, expiryYear, cvv);
	}

	@Override
	public String toString() {
		String last4 = (this.number != null && this.number.length() > 4)
				? "****" + this.number.substring(this.number.length() - 4) : null;
		return "PaymentSource[type=" + this.type + ", id=" + this.id + ", number=" + last4 + ", cvv="
				+ ((this.cvv != null) ? "***" : null) + "]";
	}

}
