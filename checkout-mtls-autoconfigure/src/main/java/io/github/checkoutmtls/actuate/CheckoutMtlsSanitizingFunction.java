package io.github.checkoutmtls.actuate;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the starter's secrets in the {@code configprops} and {@code env} endpoints even
 * when they are set to show values: Spring Boot does not mask by key name. Besides the
 * starter's own keys, any entry whose value equals a bound secret is masked, whatever its
 * name: the environment variable or property a {@code ${...}} placeholder took the secret
 * from.
 */
final class CheckoutMtlsSanitizingFunction implements SanitizingFunction {

	private static final List<String> SECRETS = List.of(normalize("checkout.mtls.keystore.password"),
			normalize("checkout.mtls.pem.private-key-password"),
			// Its name deprecated in 0.2.0, still bound.
			normalize("checkout.mtls.keystore.private-key-password"), normalize("checkout.mtls.jwt.client-secret"),
			normalize("checkout.mtls.http.proxy.password"));

	private final Supplier<Collection<String>> boundSecrets;

	/**
	 * Creates a function that masks the starter's keys only.
	 */
	CheckoutMtlsSanitizingFunction() {
		this(List::of);
	}

	/**
	 * Creates a function that also masks every value equal to one of the bound secrets.
	 * @param boundSecrets supplies the secrets as bound, read at every call so a
	 * rebinding is followed
	 */
	CheckoutMtlsSanitizingFunction(Supplier<Collection<String>> boundSecrets) {
		this.boundSecrets = boundSecrets;
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		String key = normalize(data.getKey());
		if (SECRETS.stream().anyMatch(key::endsWith) || isBoundSecret(data.getValue())) {
			return data.withValue(SanitizableData.SANITIZED_VALUE);
		}
		return data;
	}

	private boolean isBoundSecret(Object value) {
		if (value == null) {
			return false;
		}
		String text = value.toString();
		return !text.isEmpty() && this.boundSecrets.get().contains(text);
	}

	// Relaxed binding accepts CHECKOUT_MTLS_JWT_CLIENT_SECRET and
	// checkout.mtls.jwt.clientSecret alike
	private static String normalize(String key) {
		return key.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
	}

}
