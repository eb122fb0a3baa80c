package io.github.checkoutmtls.observability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.reload.IdentityReloader.ReloadStatus;
import io.github.checkoutmtls.token.TokenCache.TokenFetch;

/**
 * Health of the Checkout mTLS client: UP with the leaf's details while every certificate
 * Checkout validates (leaf, intermediates, registered root) is valid, DOWN once one has
 * expired or while one is not valid yet ({@code notYetValid}, a clock behind the CA's),
 * and {@code expiringSoon} when the first of them expires within the expiry warning. DOWN
 * too when the connection pool could not be built (the background warm-up failed, so
 * every request fails). Reads the identity in use; calls nothing.
 */
final class CheckoutMtlsHealthIndicator implements HealthIndicator {

	private final ClientSummary summary;

	private final Supplier<ClientIdentity> identity;

	private final Supplier<ReloadStatus> reloads;

	private final Supplier<TokenFetch> tokenFetches;

	private final Supplier<@Nullable Throwable> poolFailure;

	private final Duration expiryWarning;

	private final Clock clock;

	/**
	 * Creates an indicator.
	 * @param summary where the client calls
	 * @param identity the identity presented now
	 * @param reloads the reload status
	 * @param tokenFetches the latest token fetch (jwt mode), or {@code null} in
	 * certificate mode
	 * @param poolFailure why the connection pool could not be built, or {@code null}
	 * @param expiryWarning how long before expiry to report {@code expiringSoon}
	 * @param clock the clock
	 */
	CheckoutMtlsHealthIndicator(ClientSummary summary, Supplier<ClientIdentity> identity,
			Supplier<ReloadStatus> reloads, Supplier<TokenFetch> tokenFetches,
			Supplier<@Nullable Throwable> poolFailure, Duration expiryWarning, Clock clock) {
		this.summary = summary;
		this.identity = identity;
		this.reloads = reloads;
		this.tokenFetches = tokenFetches;
		this.poolFailure = poolFailure;
		this.expiryWarning = expiryWarning;
		this.clock = clock;
	}

	@Override
	public Health health() {
		ClientIdentity current = this.identity.get();
		Instant now = this.clock.instant();
		// Checkout validates the whole chain and the registered root: the first of them
		// to expire decides.
		Duration left = current.timeLeftOfFirstToExpire(now);
		// Not valid yet (the clock behind the CA's): Checkout cannot accept it either.
		boolean notYetValid = current.chain()
			.stream()
			.anyMatch((certificate) -> certificate.getNotBefore().toInstant().isAfter(now));
		Throwable poolFailure = this.poolFailure.get();
		Health.Builder builder = (left.isNegative() || notYetValid || poolFailure != null) ? Health.down()
				: Health.up();
		if (notYetValid) {
			builder.withDetail("notYetValid", true);
		}
		if (poolFailure != null) {
			builder.withDetail("connectionPool", "failed to build, every request fails: " + poolFailure);
		}
		builder.withDetails(this.summary.describe(current, now))
			.withDetail("expiringSoon", left.compareTo(this.expiryWarning) < 0)
			.withDetail("lastReload", reload(this.reloads.get()));
		if (this.tokenFetches != null) {
			builder.withDetail("lastTokenFetch", tokenFetch(this.tokenFetches.get()));
		}
		return builder.build();
	}

	private static Map<String, Object> reload(ReloadStatus status) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("outcome", status.lastOutcome().name().toLowerCase(java.util.Locale.ROOT));
		details.put("time", (status.lastAttempt() != null) ? status.lastAttempt().toString() : "never");
		details.put("failures", status.failures());
		if (status.lastOutcome() == ReloadStatus.Outcome.FAILURE) {
			details.put("problem", status.lastProblem());
		}
		return details;
	}

	private static Map<String, Object> tokenFetch(TokenFetch fetch) {
		Map<String, Object> details = new LinkedHashMap<>();
		if (fetch == null) {
			details.put("outcome", "none");
			return details;
		}
		details.put("outcome", fetch.successful() ? "success" : "failure");
		details.put("time", fetch.completedAt().toString());
		if (!fetch.successful()) {
			details.put("problem", fetch.failure());
		}
		return details;
	}

}
