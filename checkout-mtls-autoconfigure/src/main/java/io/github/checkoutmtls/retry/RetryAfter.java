package io.github.checkoutmtls.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads a {@code Retry-After} header (RFC 9110 section 10.2.3): delay seconds or an HTTP date.
 */
final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * Parses a {@code Retry-After} value.
	 * @param value the header's value, or {@code null}
	 * @param now the current instant, for an HTTP date
	 * @return the delay, never negative, or {@code null} when the value is absent or not understood
	 */
	static Duration parse(String value, Instant now) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.trim();
		if (trimmed.chars().allMatch(Character::isDigit)) {
			return (trimmed.length() > 9) ? null : Duration.ofSeconds(Long.parseLong(trimmed));
		}
		try {
			Instant date = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			return date.isAfter(now) ? Duration.between(now, date) : Duration.ZERO;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
