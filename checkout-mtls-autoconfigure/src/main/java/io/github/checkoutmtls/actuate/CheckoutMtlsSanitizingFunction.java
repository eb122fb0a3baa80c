package io.github.checkoutmtls.actuate;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the starter's secrets in the {@code configprops} and {@code env} endpoints even when they are set
 * to show values: Spring Boot does not mask by key name.
 */
public final class CheckoutMtlsSanitizingFunction implements SanitizingFunction {

	private static final List<String> SECRETS = List.of(normalize("checkout.mtls.keystore.password"),
			normalize("checkout.mtls.keystore.private-key-password"), normalize("checkout.mtls.jwt.client-secret"),
			normalize("checkout.mtls.http.proxy.password"));

	@Override
	public SanitizableData apply(SanitizableData data) {
		String key = normalize(data.getKey());
		return SECRETS.stream().anyMatch(key::endsWith) ? data.withValue(SanitizableData.SANITIZED_VALUE) : data;
	}

	// Relaxed binding accepts CHECKOUT_MTLS_JWT_CLIENT_SECRET and checkout.mtls.jwt.clientSecret alike
	private static String normalize(String key) {
		return key.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
	}

}
