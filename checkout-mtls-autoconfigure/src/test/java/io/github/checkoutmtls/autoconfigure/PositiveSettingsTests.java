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

	@Test
	void connectTimeoutBeyondIntMillisecondsFailsAsOutOfRange() {
		this.properties.getHttp().setConnectTimeout(Duration.ofMillis(Integer.MAX_VALUE + 1L));
		assertThatExceptionOfType(SettingOutOfRangeException.class)
			.isThrownBy(() -> PositiveSettings.check(this.properties))
			.withMessageContaining("checkout.mtls.http.connect-timeout")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("at most 2147483647ms"));
	}

	@Test
	void connectTimeoutOfExactlyIntMillisecondsIsAccepted() {
		this.properties.getHttp().setConnectTimeout(Duration.ofMillis(Integer.MAX_VALUE));
		assertThatNoException().isThrownBy(() -> PositiveSettings.check(this.properties));
	}

	@Test
	void subMillisecondDurationFailsAsOutOfRange() {
		this.properties.getJwt().setTokenTimeout(Duration.ofNanos(999_999));
		assertThatExceptionOfType(SettingOutOfRangeException.class)
			.isThrownBy(() -> PositiveSettings.check(this.properties))
			.withMessageContaining("checkout.mtls.jwt.token-timeout")
			.withMessageContaining("below a millisecond");
	}

	@Test
	void maxIdleTimeBelowTheFloorFailsAndTheFloorIsAccepted() {
		this.properties.getHttp().setMaxIdleTime(PositiveSettings.MIN_IDLE_TIME.minusMillis(1));
		assertThatExceptionOfType(SettingOutOfRangeException.class)
			.isThrownBy(() -> PositiveSettings.check(this.properties))
			.withMessageContaining("checkout.mtls.http.max-idle-time")
			.withMessageContaining("eviction");
		this.properties.getHttp().setMaxIdleTime(PositiveSettings.MIN_IDLE_TIME);
		assertThatNoException().isThrownBy(() -> PositiveSettings.check(this.properties));
	}

}
