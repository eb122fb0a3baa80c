package io.github.checkoutmtls.pipeline;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.checkoutmtls.pipeline.CheckoutRequestPipeline.PipelineSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PipelineSettings}: the backoff between attempts.
 */
class PipelineSettingsTests {

	private final PipelineSettings settings = new PipelineSettings(URI.create("https://mtls.api.checkout.com"), true, 5,
			Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(90), Duration.ofSeconds(30), 1024, true,
			List.of("/payments"));

	@Test
	void firstRetryWaitsBetweenHalfAndAllOfTheInitialBackoff() {
		assertThat(this.settings.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(100));
		assertThat(this.settings.backoff(1, 0.5)).isEqualTo(Duration.ofMillis(150));
		assertThat(this.settings.backoff(1, 0.999)).isEqualTo(Duration.ofMillis(199));
	}

	@Test
	void eachFurtherRetryDoublesTheBackoff() {
		assertThat(this.settings.backoff(2, 0.0)).isEqualTo(Duration.ofMillis(200));
		assertThat(this.settings.backoff(3, 0.0)).isEqualTo(Duration.ofMillis(400));
		assertThat(this.settings.backoff(3, 0.5)).isEqualTo(Duration.ofMillis(600));
	}

	@Test
	void backoffNeverExceedsTheMaximumHoweverManyRetries() {
		assertThat(this.settings.backoff(10, 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(5))
			.isGreaterThanOrEqualTo(Duration.ofMillis(2500));
		assertThat(this.settings.backoff(64, 0.0)).isEqualTo(Duration.ofMillis(2500));
	}

	@Test
	void endpointListIsCopied() {
		List<String> endpoints = new java.util.ArrayList<>(List.of("/payments"));
		PipelineSettings copied = new PipelineSettings(URI.create("https://mtls.api.checkout.com"), true, 3,
				Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(90), Duration.ofSeconds(30), 1024,
				true, endpoints);
		endpoints.add("/transfers");
		assertThat(copied.idempotentEndpoints()).containsExactly("/payments");
	}

}
