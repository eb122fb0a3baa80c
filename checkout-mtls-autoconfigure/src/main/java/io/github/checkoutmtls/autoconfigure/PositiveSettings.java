package io.github.checkoutmtls.autoconfigure;

import java.time.Duration;

import org.springframework.util.StringUtils;

/**
 * Checks that the timeouts, durations, pool size and attempt count are positive: Reactor Netty and Reactor
 * would otherwise read zero or a negative value as "no limit", fail on the first request, or never retry.
 */
final class PositiveSettings {

	private PositiveSettings() {
	}

	static void check(CheckoutMtlsProperties properties) {
		CheckoutMtlsProperties.Http http = properties.getHttp();
		require("checkout.mtls.http.connect-timeout", http.getConnectTimeout());
		require("checkout.mtls.http.response-timeout", http.getResponseTimeout());
		require("checkout.mtls.http.max-connections", http.getMaxConnections());
		require("checkout.mtls.http.max-idle-time", http.getMaxIdleTime());
		require("checkout.mtls.http.max-life-time", http.getMaxLifeTime());
		if (StringUtils.hasText(http.getProxy().getHost())) {
			Integer port = http.getProxy().getPort();
			require("checkout.mtls.http.proxy.port", (port != null) ? port : 0);
		}
		CheckoutMtlsProperties.Jwt jwt = properties.getJwt();
		require("checkout.mtls.jwt.refresh-before-expiry", jwt.getRefreshBeforeExpiry());
		require("checkout.mtls.jwt.token-timeout", jwt.getTokenTimeout());
		CheckoutMtlsProperties.Retry retry = properties.getRetry();
		require("checkout.mtls.retry.max-attempts", retry.getMaxAttempts());
		require("checkout.mtls.retry.initial-backoff", retry.getInitialBackoff());
		require("checkout.mtls.retry.max-backoff", retry.getMaxBackoff());
		require("checkout.mtls.retry.deadline", retry.getDeadline());
	}

	private static void require(String property, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new NonPositiveSettingException(property, String.valueOf(value));
		}
	}

	private static void require(String property, int value) {
		if (value <= 0) {
			throw new NonPositiveSettingException(property, Integer.toString(value));
		}
	}

}
