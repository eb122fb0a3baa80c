package io.github.checkoutmtls.pipeline;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IdempotentEndpoints}: which paths Checkout honours an idempotency key
 * on.
 */
class IdempotentEndpointsTests {

	private final IdempotentEndpoints checkout = new IdempotentEndpoints(IdempotentEndpoints.CHECKOUT_DEFAULTS, "");

	@Test
	void checkoutsDocumentedEndpointsMatch() {
		assertThat(this.checkout.matches("/payments")).isTrue();
		assertThat(this.checkout.matches("/payments/pay_123/captures")).isTrue();
		assertThat(this.checkout.matches("/payments/pay_123/refunds")).isTrue();
		assertThat(this.checkout.matches("/payments/pay_123/voids")).isTrue();
		assertThat(this.checkout.matches("/payments/pay_123/authorizations")).isTrue();
		assertThat(this.checkout.matches("/payments/pay_123/cancellations")).isTrue();
		assertThat(this.checkout.matches("/payment-contexts")).isTrue();
		assertThat(this.checkout.matches("/transfers")).isTrue();
	}

	@Test
	void otherPathsDoNotMatch() {
		assertThat(this.checkout.matches("/customers")).isFalse();
		assertThat(this.checkout.matches("/payments/pay_123")).isFalse();
		assertThat(this.checkout.matches("/payments/pay_123/actions")).isFalse();
		assertThat(this.checkout.matches("/instruments/src_1")).isFalse();
		assertThat(this.checkout.matches(null)).isFalse();
	}

	@Test
	void trailingSlashIsTheSamePath() {
		assertThat(this.checkout.matches("/payments/")).isTrue();
		assertThat(this.checkout.matches("/")).isFalse();
	}

	@Test
	void pathsAreRelativeToTheApiBaseUrlsPath() {
		IdempotentEndpoints behindPrefix = new IdempotentEndpoints(List.of("/payments"), "/checkout/");
		assertThat(behindPrefix.matches("/checkout/payments")).isTrue();
		assertThat(behindPrefix.matches("/payments")).isFalse();
		assertThat(new IdempotentEndpoints(List.of("/payments"), "/").matches("/payments")).isTrue();
		assertThat(new IdempotentEndpoints(List.of("/payments"), null).matches("/payments")).isTrue();
	}

	@Test
	void endpointAtTheRootMatchesTheRootPathOnly() {
		IdempotentEndpoints root = new IdempotentEndpoints(List.of("/"), "");
		assertThat(root.matches("/")).isTrue();
		assertThat(root.matches("/payments")).isFalse();
	}

}
