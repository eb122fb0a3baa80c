package io.github.checkoutmtls.observability;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.checkoutmtls.identity.ClientIdentity;

/**
 * What health and info show of the client: where it calls and the leaf it presents. Never
 * a key, password or token.
 *
 * @param environment the Checkout environment
 * @param authMode the authentication mode
 * @param apiHost the API host
 */
record ClientSummary(String environment, String authMode, String apiHost) {

	/**
	 * Describes the client presenting an identity.
	 * @param identity the identity presented
	 * @param now the current instant, for the days left
	 * @return the details, in a stable order
	 */
	public Map<String, Object> describe(ClientIdentity identity, Instant now) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("environment", this.environment);
		details.put("authMode", this.authMode);
		details.put("apiHost", this.apiHost);
		details.put("commonName", identity.commonName());
		details.put("issuer", identity.issuer());
		details.put("serialNumber", identity.serialNumber());
		details.put("notAfter", identity.notAfter().toString());
		details.put("daysLeft", identity.timeLeft(now).toDays());
		details.put("thumbprint", identity.thumbprint());
		details.put("firstToExpire", firstToExpire(identity, now));
		return details;
	}

	private static Map<String, Object> firstToExpire(ClientIdentity identity, Instant now) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("subject", identity.firstToExpire().getSubjectX500Principal().getName());
		details.put("notAfter", identity.firstExpiry().toString());
		details.put("daysLeft", identity.timeLeftOfFirstToExpire(now).toDays());
		return details;
	}

}
