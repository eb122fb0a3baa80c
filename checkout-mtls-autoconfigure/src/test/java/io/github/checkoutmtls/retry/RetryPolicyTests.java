package io.github.checkoutmtls.retry;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetryPolicy}.
 */
class RetryPolicyTests {

	private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1),
			Duration.ofSeconds(10));

	@Test
	void backoffDoublesWithEachRetry() {
		assertThat(this.policy.backoff(1, () -> 0.999)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
		assertThat(this.policy.backoff(2, () -> 0.999)).isBetween(Duration.ofMillis(199), Duration.ofMillis(200));
		assertThat(this.policy.backoff(3, () -> 0.999)).isBetween(Duration.ofMillis(399), Duration.ofMillis(400));
	}

	@Test
	void jitterKeepsAtLeastHalfTheDelay() {
		assertThat(this.policy.backoff(2, () -> 0)).isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void backoffIsCappedByMaxBackoff() {
		assertThat(this.policy.backoff(30, () -> 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(this.policy.backoff(30, () -> 0)).isEqualTo(Duration.ofMillis(500));
	}

}
