package io.github.checkoutmtls.token;

import java.time.Duration;
import java.time.Instant;

import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;

/**
 * A cached token with its deadlines on the monotonic ticker, so that a wall clock stepped
 * back or forward never makes a valid token look expired, or an expired one valid.
 *
 * @param token the token
 * @param identity the identity it was fetched with, to fetch its replacement
 * @param sequence the sequence number of the fetch that brought it, higher for later
 * fetches
 * @param sentAt ticker reading when its fetch started: its age is counted from there
 * @param refreshAt ticker reading from which to fetch the next one
 * @param expiresAt ticker reading from which it is no longer used
 */
record CachedToken(AccessToken token, ClientIdentity identity, long sequence, long sentAt, long refreshAt,
		long expiresAt) {

	// Far beyond any token lifetime, and small enough that adding it to a ticker reading
	// cannot overflow.
	private static final long MAX_NANOS = Duration.ofDays(365 * 100).toNanos();

	/**
	 * Converts the token's instants to ticker readings. Both clocks are read now, one
	 * after the other, so a wall clock step during the fetch cannot shift the deadlines.
	 */
	static CachedToken of(AccessToken token, TokenFlight flight, long now, Instant wallNow) {
		return new CachedToken(token, flight.identity(), flight.sequence(), flight.startedAt(),
				now + nanosUntil(wallNow, token.refreshAt()), now + nanosUntil(wallNow, token.expiresAt()));
	}

	private static long nanosUntil(Instant now, Instant deadline) {
		Duration left = Duration.between(now, deadline);
		if (left.isNegative()) {
			return 0;
		}
		return (left.getSeconds() >= MAX_NANOS / 1_000_000_000L) ? MAX_NANOS : left.toNanos();
	}

	boolean isFor(ClientIdentity identity) {
		return this.token.thumbprint().equals(identity.thumbprint());
	}

	boolean isDueForRefresh(long now) {
		return now - this.refreshAt >= 0;
	}

	boolean isExpired(long now) {
		return now - this.expiresAt >= 0;
	}

	boolean isYoungerThan(Duration window, long now) {
		return now - this.sentAt < window.toNanos();
	}

}
