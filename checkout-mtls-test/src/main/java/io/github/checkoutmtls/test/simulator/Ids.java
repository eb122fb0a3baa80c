package io.github.checkoutmtls.test.simulator;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Identifiers: request ids are UUIDs, as the {@code request_id} of Checkout's error
 * bodies (API reference); resource ids are a type prefix ({@code pay_}, {@code act_}) and
 * 26 lowercase base32 characters, a format chosen to look like the ids in Checkout's
 * examples (the format itself is not documented by Checkout).
 */
final class Ids {

	private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	private Ids() {
	}

	static String requestId() {
		return UUID.randomUUID().toString();
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
