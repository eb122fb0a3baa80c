package io.github.checkoutmtls.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.util.StringUtils;

import io.github.checkoutmtls.autoconfigure.CheckoutMtlsProperties.ClientAuthentication;

/**
 * The one place where the shape of the {@code checkout.mtls.*} properties is checked, run
 * when they are bound whichever beans the application replaces. A shape error is Spring
 * Boot's {@link InvalidConfigurationPropertyValueException} or
 * {@link MutuallyExclusiveConfigurationPropertiesException}, whose failure analysis says
 * where the value came from; what the key material itself holds is checked when it is
 * loaded.
 */
final class CheckoutMtlsPropertiesValidator {

	static final String PREFIX = "checkout.mtls.";

	private static final Duration ONE_MILLISECOND = Duration.ofMillis(1);

	// Netty's CONNECT_TIMEOUT_MILLIS is an int of milliseconds.
	private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

	// The pool's background eviction runs every max-idle-time. Below a second it wakes
	// hundreds of times a second and closes connections faster than they are reused, so
	// nearly every request pays a new mTLS handshake (the cost the pool exists to avoid).
	// How long Checkout's edge keeps an idle connection is not documented by Checkout.
	static final Duration MIN_IDLE_TIME = Duration.ofSeconds(1);

	// Checkout's ordinary hosts refuse tokens issued on the mTLS route (Checkout, "Mutual
	// TLS", April 2026).
	private static final Set<String> NON_MTLS_API_HOSTS = Set.of("api.checkout.com", "api.sandbox.checkout.com");

	private CheckoutMtlsPropertiesValidator() {
	}

	static void validate(CheckoutMtlsProperties properties) {
		validateKeyMaterialSources(properties);
		validateBaseUrl("api-base-url", properties.getApiBaseUrl());
		validateBaseUrl("access-base-url", properties.getAccessBaseUrl());
		validateHttp(properties.getHttp());
		validateRetry(properties.getRetry());
		validateReload(properties);
		requirePositive("jwt.refresh-before-expiry", properties.getJwt().getRefreshBeforeExpiry());
		requirePositive("jwt.token-timeout", properties.getJwt().getTokenTimeout());
		if (properties.getAuthMode() == AuthMode.JWT) {
			validateJwt(properties);
		}
	}

	private static void validateKeyMaterialSources(CheckoutMtlsProperties properties) {
		CheckoutMtlsProperties.Pem pem = properties.getPem();
		MutuallyExclusiveConfigurationPropertiesException.throwIfMultipleNonNullValuesIn((entries) -> {
			entries.put(PREFIX + "pem.certificate", textOrNull(pem.getCertificate(), pem.getPrivateKey()));
			entries.put(PREFIX + "keystore.location", textOrNull(properties.getKeystore().getLocation()));
			entries.put(PREFIX + "ssl.bundle", textOrNull(properties.getSsl().getBundle()));
		});
	}

	private static @Nullable String textOrNull(@Nullable String... values) {
		for (String value : values) {
			if (StringUtils.hasText(value)) {
				return value;
			}
		}
		return null;
	}

	private static void validateBaseUrl(String name, @Nullable URI url) {
		if (url == null) {
			return;
		}
		if (url.getUserInfo() != null) {
			// Never quote the credentials back.
			throw invalid(name, url.getScheme() + "://****@" + url.getHost(), "a Checkout base URL must not carry"
					+ " credentials: Checkout's mTLS hosts authenticate by certificate; remove the user information");
		}
		if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
			throw invalid(name, url, "Checkout's mTLS hosts are reached over https only; use an absolute https URL"
					+ " such as https://mtls.api.sandbox.checkout.com, or remove the property to use the environment's");
		}
	}

	private static void validateHttp(CheckoutMtlsProperties.Http http) {
		requirePositive("http.connect-timeout", http.getConnectTimeout());
		requireAtMost("http.connect-timeout", http.getConnectTimeout(), MAX_CONNECT_TIMEOUT,
				"does not fit Netty's connect timeout, an int of milliseconds");
		requirePositive("http.response-timeout", http.getResponseTimeout());
		requirePositive("http.max-connections", http.getMaxConnections());
		requirePositive("http.max-idle-time", http.getMaxIdleTime());
		requireAtLeast("http.max-idle-time", http.getMaxIdleTime(), MIN_IDLE_TIME, "makes the pool's background"
				+ " eviction, which runs this often, spin and close connections before they are reused");
		requirePositive("http.max-life-time", http.getMaxLifeTime());
		if (StringUtils.hasText(http.getProxy().getHost())) {
			Integer port = http.getProxy().getPort();
			requirePositive("http.proxy.port", (port != null) ? port : 0);
		}
	}

	private static void validateRetry(CheckoutMtlsProperties.Retry retry) {
		requirePositive("retry.max-attempts", retry.getMaxAttempts());
		requirePositive("retry.initial-backoff", retry.getInitialBackoff());
		requirePositive("retry.max-backoff", retry.getMaxBackoff());
		requirePositive("retry.deadline", retry.getDeadline());
		requirePositive("retry.in-progress-backoff", retry.getInProgressBackoff());
	}

	private static void validateReload(CheckoutMtlsProperties properties) {
		CheckoutMtlsProperties.Reload reload = properties.getReload();
		Duration interval = reload.getCheckInterval();
		if (reload.isEnabled()) {
			requirePositive("reload.check-interval", interval);
			if (!StringUtils.hasText(properties.getPem().getCertificate())
					&& !StringUtils.hasText(properties.getKeystore().getLocation())) {
				throw invalid("reload.enabled", true, "there are no checkout.mtls.pem files nor key store to watch;"
						+ " with checkout.mtls.ssl.bundle set the bundle's own reload-on-update"
						+ " (spring.ssl.bundle.pem.<name>.reload-on-update=true) instead: the client follows its"
						+ " updates");
			}
		}
		else if (interval != null && !interval.isNegative() && !interval.isZero()) {
			requireWholeMilliseconds("reload.check-interval", interval);
		}
	}

	private static void validateJwt(CheckoutMtlsProperties properties) {
		CheckoutMtlsProperties.Jwt jwt = properties.getJwt();
		URI api = properties.getApiBaseUrl();
		if (api != null && NON_MTLS_API_HOSTS.contains(api.getHost().toLowerCase())) {
			throw invalid("api-base-url", api, "'" + api.getHost() + "' is Checkout's non-mTLS API host, which"
					+ " rejects tokens issued by the mTLS access host; use https://mtls.api.sandbox.checkout.com or"
					+ " https://mtls.api.checkout.com, or remove the property to use the environment's");
		}
		if (!StringUtils.hasText(jwt.getClientId())) {
			throw invalid("jwt.client-id", jwt.getClientId(), "jwt mode needs the client id Checkout issued for the"
					+ " mTLS access host; set it, or set checkout.mtls.auth-mode=certificate to authenticate with the"
					+ " client certificate alone");
		}
		ClientAuthentication method = jwt.getClientAuthentication();
		if (method != null && method != ClientAuthentication.TLS_CLIENT_AUTH
				&& !StringUtils.hasText(jwt.getClientSecret())) {
			// The secret is never quoted: only its absence is reported.
			throw invalid("jwt.client-authentication", method.name().toLowerCase().replace('_', '-'), "this client"
					+ " authentication needs checkout.mtls.jwt.client-secret; set it, or set"
					+ " checkout.mtls.jwt.client-authentication=tls-client-auth to let the certificate authenticate");
		}
		List<String> scopes = jwt.getScopes();
		for (int i = 0; i < scopes.size(); i++) {
			String scope = scopes.get(i);
			if (!StringUtils.hasText(scope) || scope.chars().anyMatch(Character::isWhitespace)) {
				throw invalid("jwt.scopes[" + i + "]", scope, "a scope must not be empty nor contain white space;"
						+ " list each scope as its own entry, e.g. scopes: [gateway, vault]");
			}
		}
	}

	private static void requirePositive(String name, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw invalid(name, value, "must be a positive duration, such as 10s");
		}
		requireWholeMilliseconds(name, value);
	}

	private static void requirePositive(String name, int value) {
		if (value <= 0) {
			throw invalid(name, value, "must be positive");
		}
	}

	// Every consumer of these durations counts in milliseconds: a smaller value truncates
	// to 0, "no limit".
	private static void requireWholeMilliseconds(String name, Duration value) {
		requireAtLeast(name, value, ONE_MILLISECOND,
				"is below a millisecond: it would be truncated to 0 ms, read as no limit or no wait");
	}

	private static void requireAtLeast(String name, Duration value, Duration minimum, String why) {
		if (value.compareTo(minimum) < 0) {
			throw invalid(name, value, why + "; use " + minimum.toMillis() + "ms or more");
		}
	}

	private static void requireAtMost(String name, Duration value, Duration maximum, String why) {
		if (value.compareTo(maximum) > 0) {
			throw invalid(name, value, why + "; use at most " + maximum.toMillis() + "ms (about 24 days)");
		}
	}

	private static InvalidConfigurationPropertyValueException invalid(String name, @Nullable Object value,
			String reason) {
		return new InvalidConfigurationPropertyValueException(PREFIX + name, value, reason);
	}

}
