package io.github.checkoutmtls.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link CheckoutMtlsPropertiesValidator}.
 */
class CheckoutMtlsPropertiesValidatorTests {

	private final CheckoutMtlsProperties properties = new CheckoutMtlsProperties();

	@Test
	void defaultsArePositive() {
		assertThatNoException().isThrownBy(() -> CheckoutMtlsPropertiesValidator.validate(this.properties));
	}

	@Test
	void negativeDurationFailsNamingTheProperty() {
		this.properties.getJwt().setRefreshBeforeExpiry(Duration.ofSeconds(-1));
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> CheckoutMtlsPropertiesValidator.validate(this.properties))
			.satisfies((ex) -> {
				assertThat(ex.getName()).isEqualTo("checkout.mtls.jwt.refresh-before-expiry");
				assertThat(ex.getValue()).isEqualTo(Duration.ofSeconds(-1));
			});
	}

	@Test
	void zeroDurationFails() {
		this.properties.getHttp().setMaxIdleTime(Duration.ZERO);
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> CheckoutMtlsPropertiesValidator.validate(this.properties))
			.withMessageContaining("checkout.mtls.http.max-idle-time");
	}

	@Test
	void negativeMaxConnectionsFails() {
		this.properties.getHttp().setMaxConnections(-3);
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> CheckoutMtlsPropertiesValidator.validate(this.properties))
			.withMessageContaining("checkout.mtls.http.max-connections");
	}

	@Test
	void zeroMaxBackoffFails() {
		this.properties.getRetry().setMaxBackoff(Duration.ZERO);
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> CheckoutMtlsPropertiesValidator.validate(this.properties))
			.withMessageContaining("checkout.mtls.retry.max-backoff");
	}

	@Test
	void connectTimeoutBeyondIntMillisecondsFailsAsOutOfRange() {
		this.properties.getHttp().setConnectTimeout(Duration.ofMillis(Integer.MAX_VALUE + 1L));
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> CheckoutMtlsPropertiesValidator.validate(this.properties))
			.withMessageContaining("checkout.mtls.http.connect-timeout")
			.satisfies((ex) -> assertThat(ex.getReason()).contains("at most 2147483647ms"));
	}

	@Test
	void connectTimeoutOfExactlyIntMillisecondsIsAccepted() {
		this.properties.getHttp().setConnectTimeout(Duration.ofMillis(Integer.MAX_VALUE));
		assertThatNoException().isThrownBy(() -> CheckoutMtlsPropertiesValidator.validate(this.properties));
	}

	@Test
	void subMillisecondDurationFailsAsOutOfRange() {
		this.properties.getJwt().setTokenTimeout(Duration.ofNanos(999_999));
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> CheckoutMtlsPropertiesValidator.validate(this.properties))
			.withMessageContaining("checkout.mtls.jwt.token-timeout")
			.withMessageContaining("below a millisecond");
	}

	@Test
	void maxIdleTimeBelowTheFloorFailsAndTheFloorIsAccepted() {
		this.properties.getHttp().setMaxIdleTime(CheckoutMtlsPropertiesValidator.MIN_IDLE_TIME.minusMillis(1));
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> CheckoutMtlsPropertiesValidator.validate(this.properties))
			.withMessageContaining("checkout.mtls.http.max-idle-time")
			.withMessageContaining("eviction");
		this.properties.getHttp().setMaxIdleTime(CheckoutMtlsPropertiesValidator.MIN_IDLE_TIME);
		assertThatNoException().isThrownBy(() -> CheckoutMtlsPropertiesValidator.validate(this.properties));
	}

	@Test
	void httpBaseUrlFailsNamingThePropertyAndValue() {
		this.properties.setApiBaseUrl(URI.create("http://localhost"));
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> CheckoutMtlsPropertiesValidator.validate(this.properties))
			.satisfies((ex) -> {
				assertThat(ex.getName()).isEqualTo("checkout.mtls.api-base-url");
				assertThat(ex.getValue()).isEqualTo(URI.create("http://localhost"));
				assertThat(ex.getReason()).contains("https");
			});
	}

	@Test
	void baseUrlWithCredentialsFailsWithoutQuotingThem() {
		this.properties.setAccessBaseUrl(URI.create("https://user:Url-Secret-31@access.example"));
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> CheckoutMtlsPropertiesValidator.validate(this.properties))
			.satisfies((ex) -> {
				assertThat(ex.getName()).isEqualTo("checkout.mtls.access-base-url");
				assertThat(String.valueOf(ex.getValue())).doesNotContain("Url-Secret-31").doesNotContain("user");
			})
			.withMessageNotContaining("Url-Secret-31");
	}

	@Test
	void twoSourcesOfKeyMaterialFailNamingBoth() {
		this.properties.getPem().setCertificate("file:chain.pem");
		this.properties.getSsl().setBundle("checkout");
		assertThatExceptionOfType(MutuallyExclusiveConfigurationPropertiesException.class)
			.isThrownBy(() -> CheckoutMtlsPropertiesValidator.validate(this.properties))
			.satisfies((ex) -> assertThat(ex.getConfiguredNames())
				.containsExactlyInAnyOrder("checkout.mtls.pem.certificate", "checkout.mtls.ssl.bundle"));
	}

	@Test
	void oneSourceOfKeyMaterialIsAccepted() {
		this.properties.getKeystore().setLocation("file:client.p12");
		assertThatNoException().isThrownBy(() -> CheckoutMtlsPropertiesValidator.validate(this.properties));
	}

	@Test
	void reloadWithoutFilesToWatchFails() {
		this.properties.getSsl().setBundle("checkout");
		this.properties.getReload().setEnabled(true);
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> CheckoutMtlsPropertiesValidator.validate(this.properties))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("checkout.mtls.reload.enabled"))
			.withMessageContaining("spring.ssl.bundle.pem.<name>.reload-on-update");
	}

	@Test
	void zeroReloadIntervalFailsOnlyWhenReloading() {
		this.properties.getPem().setCertificate("file:chain.pem");
		this.properties.getReload().setCheckInterval(Duration.ZERO);
		assertThatNoException().isThrownBy(() -> CheckoutMtlsPropertiesValidator.validate(this.properties));
		this.properties.getReload().setEnabled(true);
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> CheckoutMtlsPropertiesValidator.validate(this.properties))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("checkout.mtls.reload.check-interval"));
	}

	@Test
	void jwtModeWithoutClientIdFails() {
		this.properties.setAuthMode(AuthMode.JWT);
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> CheckoutMtlsPropertiesValidator.validate(this.properties))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("checkout.mtls.jwt.client-id"));
	}

	@Test
	void jwtSecretAuthenticationWithoutSecretFails() {
		this.properties.setAuthMode(AuthMode.JWT);
		this.properties.getJwt().setClientId("c");
		this.properties.getJwt()
			.setClientAuthentication(CheckoutMtlsProperties.ClientAuthentication.CLIENT_SECRET_BASIC);
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> CheckoutMtlsPropertiesValidator.validate(this.properties))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("checkout.mtls.jwt.client-authentication"))
			.withMessageContaining("checkout.mtls.jwt.client-secret");
	}

	@Test
	void jwtScopeWithWhiteSpaceFailsNamingItsIndex() {
		this.properties.setAuthMode(AuthMode.JWT);
		this.properties.getJwt().setClientId("c");
		this.properties.getJwt().setScopes(List.of("gateway", "vault files"));
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> CheckoutMtlsPropertiesValidator.validate(this.properties))
			.satisfies((ex) -> {
				assertThat(ex.getName()).isEqualTo("checkout.mtls.jwt.scopes[1]");
				assertThat(ex.getValue()).isEqualTo("vault files");
			});
	}

	@Test
	void jwtOnTheNonMtlsApiHostFails() {
		this.properties.setAuthMode(AuthMode.JWT);
		this.properties.getJwt().setClientId("c");
		this.properties.setApiBaseUrl(URI.create("https://api.checkout.com"));
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> CheckoutMtlsPropertiesValidator.validate(this.properties))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("checkout.mtls.api-base-url"))
			.withMessageContaining("non-mTLS");
	}

	@Test
	void jwtSettingsAreNotRequiredInCertificateMode() {
		this.properties.getJwt().setScopes(List.of("with space"));
		assertThatNoException().isThrownBy(() -> CheckoutMtlsPropertiesValidator.validate(this.properties));
	}

}
