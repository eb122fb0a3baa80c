package io.github.checkoutmtls.test.simulator;

import java.util.Currency;

/**
 * The outcome of a card payment by its amount in minor units, as Checkout's sandbox
 * documents it ("Response code testing", April 2023, for currencies with two decimals):
 * an amount ending in {@code 05}, {@code 12}, {@code 14}, {@code 51}, {@code 62} or
 * {@code 33} is declined with response code {@code 20005}, {@code 20012}, {@code 20014},
 * {@code 20051}, {@code 20062} or {@code 30033}; the amount {@code 4001} with
 * {@code 40101}; the amount {@code 9998} with the timeout code {@code 20068}, answered at
 * once (add a latency fault for the wait). Every other amount, and every amount in
 * another currency, is approved with {@code 10000}. Only the decline codes come from that
 * page; the approval code {@code 10000} and the summary texts are not documented in what
 * this project cites: chosen to look like Checkout's response codes, not verified against
 * them.
 */
final class SandboxAmounts {

	static final Result APPROVED = new Result("10000", "Approved");

	private SandboxAmounts() {
	}

	/**
	 * Returns the outcome of a card payment.
	 * @param amount the amount in minor units
	 * @param currency the ISO 4217 code: the table is documented for currencies with two
	 * decimals only, and any other is approved
	 * @return the outcome
	 */
	static Result of(long amount, String currency) {
		if (!hasTwoDecimals(currency)) {
			return APPROVED;
		}
		if (amount == 4001) {
			return new Result("40101", "Risk Blocked Transaction");
		}
		if (amount == 9998) {
			return new Result("20068", "Response Received Too Late / Timeout");
		}
		return switch ((int) (amount % 100)) {
			case 5 -> new Result("20005", "Declined - Do Not Honour");
			case 12 -> new Result("20012", "Invalid Transaction");
			case 14 -> new Result("20014", "Invalid Card Number");
			case 33 -> new Result("30033", "Expired Card - Pick Up");
			case 51 -> new Result("20051", "Insufficient Funds");
			case 62 -> new Result("20062", "Restricted Card");
			default -> APPROVED;
		};
	}

	private static boolean hasTwoDecimals(String currency) {
		try {
			return Currency.getInstance(currency).getDefaultFractionDigits() == 2;
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			// Not an ISO 4217 code the JDK knows: read as two decimals, the common case.
			return true;
		}
	}

	/**
	 * A response code and its summary.
	 *
	 * @param code the response code
	 * @param summary the response summary
	 */
	record Result(String code, String summary) {

		boolean approved() {
			return APPROVED.code().equals(this.code);
		}

	}

}
