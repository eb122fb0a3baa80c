package io.github.checkoutmtls.autoconfigure;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CheckoutMtlsHosts}.
 */
class CheckoutMtlsHostsTests {

	@Test
	void fromUsesEnvironmentHostsByDefault() {
		CheckoutMtlsProperties properties = new CheckoutMtlsProperties();
		properties.setEnvironment(CheckoutEnvironment.PRODUCTION);
		assertThat(CheckoutMtlsHosts.from(properties)).isEqualTo(new CheckoutMtlsHosts(
				URI.create("https://mtls.api.checkout.com"), URI.create("https://mtls.access.checkout.com")));
	}

	@Test
	void fromPrefersConfiguredUrls() {
		CheckoutMtlsProperties properties = new CheckoutMtlsProperties();
		properties.setApiBaseUrl(URI.create("https://localhost:8443"));
		properties.setAccessBaseUrl(URI.create("https://localhost:9443"));
		assertThat(CheckoutMtlsHosts.from(properties)).isEqualTo(
				new CheckoutMtlsHosts(URI.create("https://localhost:8443"), URI.create("https://localhost:9443")));
	}

}
