package io.github.checkoutmtls.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link PositiveSettings}.
 */
class PositiveSettingsTests {

	private final CheckoutMtlsProperties properties = new CheckoutMtlsProperties();

	@Test
	void defaultsArePositive() {
		assertThatNoException().isThrownBy(() -> PositiveSettings.check(this.properties));
	}

	@Test
	void negativeDurationFailsNamingTheProperty() {
		this.properties.getJwt().setRefreshBeforeExpiry(Duration.ofSeconds(-1));
		assertThatExceptionOfType(NonPositiveSettingException.class)
			.isThrownBy(() -> PositiveSettings.check(this.properties))
			.satisfies((ex) -> {
				assertThat(ex.getProperty())
					.isEqualTo("checkout.mtls.jwt.refresh-before-expiry");
				assertThat(ex.getValue()).isEqualTo("PT-1S");
			});
	}

	@Test
	void zeroDurationFails() {
		this.properties.getHttp().setMaxIdleTime(Duration.ZERO);
		assertThatExceptionOfType(NonPositiveSettingException.class)
			.isThrownBy(() -> PositiveSettings.check(this.properties))
			.withMessageContaining("checkout.mtls.http.max-idle-time");
	}

	@Test
	void negativeMaxConnectionsFails() {
		this.properties.getHttp().setMaxConnections(-3);
		assertThatExceptionOfType(NonPositiveSettingException.class)
			.isThrownBy(() -> PositiveSettings.check(this.properties))
			.withMessageContaining("checkout.mtls.http.max-connections");
	}

	@Test
	void zeroMaxBackoffFails() {
		this.properties.getRetry().setMaxBackoff(Duration.ZERO);
		assertThatExceptionOfType(NonPositiveSettingException.class)
			.isThrownBy(() -> PositiveSettings.check(this.properties))
			.withMessageContaining("checkout.mtls.retry.max-backoff");
	}

}
