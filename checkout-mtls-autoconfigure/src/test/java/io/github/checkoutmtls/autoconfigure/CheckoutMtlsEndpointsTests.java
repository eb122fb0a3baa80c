package io.github.checkoutmtls.autoconfigure;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CheckoutMtlsEndpoints}.
 */
class CheckoutMtlsEndpointsTests {

	@Test
	void fromUsesEnvironmentHostsByDefault() {
		CheckoutMtlsProperties properties = new CheckoutMtlsProperties();
		properties.setEnvironment(CheckoutEnvironment.PRODUCTION);
		assertThat(CheckoutMtlsEndpoints.from(properties)).isEqualTo(new CheckoutMtlsEndpoints(
				URI.create("https://mtls.api.checkout.com"), URI.create("https://mtls.access.checkout.com")));
	}

	@Test
	void fromWhenUrlIsRelativeFails() {
		CheckoutMtlsProperties properties = new CheckoutMtlsProperties();
		properties.setApiBaseUrl(URI.create("mtls.api.checkout.com"));
		assertThatExceptionOfType(InvalidBaseUrlException.class).isThrownBy(() -> CheckoutMtlsEndpoints.from(properties))
			.withMessageContaining("not an absolute https URL");
	}

	@Test
	void fromWhenUrlCarriesCredentialsFailsWithoutEchoingThem() {
		CheckoutMtlsProperties properties = new CheckoutMtlsProperties();
		for (String url : new String[] { "https://user:s3cret@mtls.api.checkout.com", "http://user:s3cret@proxy.local" }) {
			properties.setApiBaseUrl(URI.create(url));
			assertThatExceptionOfType(InvalidBaseUrlException.class)
				.isThrownBy(() -> CheckoutMtlsEndpoints.from(properties))
				.withMessageNotContaining("s3cret")
				.satisfies((ex) -> assertThat(ex.getValue()).isNull())
				.satisfies((ex) -> assertThat(ex.getAction()).doesNotContain("s3cret"));
		}
	}

}
