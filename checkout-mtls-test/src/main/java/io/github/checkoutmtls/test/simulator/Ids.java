package io.github.checkoutmtls.test.simulator;

import java.security.SecureRandom;

/**
 * Identifiers shaped like Checkout's: a type prefix and 26 lowercase base32 characters.
 */
final class Ids {

	private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	private Ids() {
	}

	static String requestId() {
		return random("req_");
	}

	static String paymentId() {
		return random("pay_");
	}

	static String actionId() {
		return random("act_");
	}

	static String random(String prefix) {
		StringBuilder id = new StringBuilder(prefix);
		for (int i = 0; i < 26; i++) {
			id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
		}
		return id.toString();
	}

}
