package io.github.checkoutmtls.pipeline;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetryAfter}.
 */
class RetryAfterTests {

	private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

	@Test
	void secondsAreADelay() {
		assertThat(RetryAfter.parse("5", NOW)).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void httpDateIsTheTimeUntilThen() {
		assertThat(RetryAfter.parse("Fri, 01 May 2026 10:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void httpDateInThePastIsNoDelay() {
		assertThat(RetryAfter.parse("Fri, 01 May 2026 09:00:00 GMT", NOW)).isZero();
	}

	@Test
	void absentOrUnreadableValueIsNull() {
		assertThat(RetryAfter.parse(null, NOW)).isNull();
		assertThat(RetryAfter.parse(" ", NOW)).isNull();
		assertThat(RetryAfter.parse("soon", NOW)).isNull();
		assertThat(RetryAfter.parse("-1", NOW)).isNull();
	}

	@Test
	void secondsTooLargeToWaitForAreNeverReadAsAbsent() {
		assertThat(RetryAfter.parse("9999999999", NOW)).isEqualTo(RetryAfter.TOO_LONG);
		assertThat(RetryAfter.parse("99999999999999999999", NOW)).isEqualTo(RetryAfter.TOO_LONG);
		assertThat(RetryAfter.parse("999999999", NOW)).isEqualTo(Duration.ofSeconds(999_999_999L));
	}

}
