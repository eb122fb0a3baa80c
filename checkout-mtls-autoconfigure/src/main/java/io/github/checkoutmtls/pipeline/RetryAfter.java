package io.github.checkoutmtls.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads a {@code Retry-After} header (RFC 9110 section 10.2.3): delay seconds or an HTTP
 * date. Checkout does not document sending one (docs "Rate limits", Jun 2025); it is
 * honoured when present.
 */
final class RetryAfter {

	// Longer than any deadline: a value this large or larger means "not within this
	// request's life".
	static final Duration TOO_LONG = Duration.ofSeconds(999_999_999L);

	private RetryAfter() {
	}

	/**
	 * Parses a {@code Retry-After} value.
	 * @param value the header's value, or {@code null}
	 * @param now the current instant, for an HTTP date
	 * @return the delay, never negative, or {@code null} when the value is absent or not
	 * understood
	 */
	static Duration parse(String value, Instant now) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.trim();
		if (trimmed.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			// Leading zeros change nothing (1*DIGIT). Ten digits or more cannot be
			// waited for: never read as "absent", which would retry at once.
			String digits = trimmed.replaceFirst("^0+(?=.)", "");
			return (digits.length() > 9) ? TOO_LONG : Duration.ofSeconds(Long.parseLong(digits));
		}
		try {
			Instant date = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			// However far ahead: a delay that does not fit the deadline is never waited
			// for (Exchange.fits).
			return date.isAfter(now) ? Duration.between(now, date) : Duration.ZERO;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
