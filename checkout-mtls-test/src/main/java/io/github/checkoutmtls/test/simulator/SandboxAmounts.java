package io.github.checkoutmtls.test.simulator;

/**
 * The outcome of a card payment by its amount in minor units, as Checkout's sandbox
 * documents it ("Response code testing", April 2023, for currencies with two decimals):
 * an amount ending in {@code 05}, {@code 12}, {@code 14}, {@code 51}, {@code 62} or
 * {@code 33} is declined with response code {@code 20005}, {@code 20012}, {@code 20014},
 * {@code 20051}, {@code 20062} or {@code 30033}; the amount {@code 4001} with
 * {@code 40101}; the amount {@code 9998} with the timeout code {@code 20068}, answered at
 * once (add a latency fault for the wait). Every other amount is approved, {@code 10000}.
 */
final class SandboxAmounts {

	static final Result APPROVED = new Result("10000", "Approved");

	private SandboxAmounts() {
	}

	static Result of(long amount) {
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
