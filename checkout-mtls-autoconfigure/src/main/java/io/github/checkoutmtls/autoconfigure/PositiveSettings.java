package io.github.checkoutmtls.autoconfigure;

import java.time.Duration;

import org.springframework.util.StringUtils;

/**
 * Checks that the timeouts, durations, pool size and attempt count are positive and within what Reactor
 * Netty and Reactor can honour: they would otherwise read zero, a negative value or a sub-millisecond
 * one as "no limit", fail on the first request, never retry, or spin.
 */
final class PositiveSettings {

	private static final Duration ONE_MILLISECOND = Duration.ofMillis(1);

	// Netty's CONNECT_TIMEOUT_MILLIS is an int of milliseconds.
	private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

	// The pool's background eviction runs every max-idle-time. Below a second it wakes hundreds of times a
	// second and closes connections faster than they are reused, so nearly every request pays a new mTLS
	// handshake (the cost the pool exists to avoid); Checkout's edge keeps idle connections far longer.
	static final Duration MIN_IDLE_TIME = Duration.ofSeconds(1);

	private PositiveSettings() {
	}

	static void check(CheckoutMtlsProperties properties) {
		CheckoutMtlsProperties.Http http = properties.getHttp();
		require("checkout.mtls.http.connect-timeout", http.getConnectTimeout());
		requireAtMost("checkout.mtls.http.connect-timeout", http.getConnectTimeout(), MAX_CONNECT_TIMEOUT,
				"does not fit Netty's connect timeout, an int of milliseconds");
		require("checkout.mtls.http.response-timeout", http.getResponseTimeout());
		require("checkout.mtls.http.max-connections", http.getMaxConnections());
		require("checkout.mtls.http.max-idle-time", http.getMaxIdleTime());
		requireAtLeast("checkout.mtls.http.max-idle-time", http.getMaxIdleTime(), MIN_IDLE_TIME,
				"makes the pool's background eviction, which runs this often, spin and close connections before"
						+ " they are reused");
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
		Duration reloadInterval = properties.getKeystore().getReloadCheckInterval();
		// Not positive is reported by the reload configuration, and only when reloading is on.
		if (reloadInterval != null && !reloadInterval.isNegative() && !reloadInterval.isZero()) {
			requireWholeMilliseconds("checkout.mtls.keystore.reload-check-interval", reloadInterval);
		}
	}

	private static void require(String property, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new NonPositiveSettingException(property, String.valueOf(value));
		}
		requireWholeMilliseconds(property, value);
	}

	// Every consumer of these durations counts in milliseconds: a smaller value truncates to 0, "no limit".
	private static void requireWholeMilliseconds(String property, Duration value) {
		requireAtLeast(property, value, ONE_MILLISECOND,
				"is below a millisecond: it would be truncated to 0 ms, read as no limit or no wait");
	}

	private static void requireAtLeast(String property, Duration value, Duration minimum, String why) {
		if (value.compareTo(minimum) < 0) {
			throw new SettingOutOfRangeException(property, value.toString(), why, minimum.toMillis() + "ms or more");
		}
	}

	private static void requireAtMost(String property, Duration value, Duration maximum, String why) {
		if (value.compareTo(maximum) > 0) {
			throw new SettingOutOfRangeException(property, value.toString(), why,
					"at most " + maximum.toMillis() + "ms (about 24 days)");
		}
	}

	private static void require(String property, int value) {
		if (value <= 0) {
			throw new NonPositiveSettingException(property, Integer.toString(value));
		}
	}

}
