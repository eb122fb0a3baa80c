package io.github.checkoutmtls.actuate;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizableData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CheckoutMtlsSanitizingFunction}.
 */
class CheckoutMtlsSanitizingFunctionTests {

	private final CheckoutMtlsSanitizingFunction function = new CheckoutMtlsSanitizingFunction();

	@Test
	void secretsAreMaskedWhateverTheirSpelling() {
		for (String key : new String[] { "checkout.mtls.keystore.password", "checkout.mtls.pem.private-key-password",
				"checkout.mtls.keystore.privateKeyPassword", "CHECKOUT_MTLS_JWT_CLIENTSECRET",
				"checkout.mtls.jwt.client-secret" }) {
			assertThat(sanitize(key)).as(key).isEqualTo(SanitizableData.SANITIZED_VALUE);
		}
	}

	@Test
	void otherPropertiesAreShown() {
		assertThat(sanitize("checkout.mtls.pem.certificate")).isEqualTo("value");
		assertThat(sanitize("checkout.mtls.jwt.client-id")).isEqualTo("value");
	}

	private Object sanitize(String key) {
		return this.function.apply(new SanitizableData(null, key, "value")).getValue();
	}

}
