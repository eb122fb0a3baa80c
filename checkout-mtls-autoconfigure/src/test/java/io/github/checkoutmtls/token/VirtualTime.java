package io.github.checkoutmtls.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.github.checkoutmtls.token.TokenFetcher.AccessToken;

/**
 * A monotonic ticker and a wall clock that tests move: {@link #advance} moves both, as
 * time passing does; {@link #stepWallClock} moves only the wall clock, as an NTP
 * correction or an operator does.
 */
final class VirtualTime {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

	private final AtomicReference<Instant> wall = new AtomicReference<>(Instant.parse("2026-11-24T10:00:00Z"));

	private final AtomicReference<Error> clockFailure = new AtomicReference<>();

	long nanos() {
		return this.nanos.get();
	}

	Clock clock() {
		return new WallClock();
	}

	void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
		this.wall.updateAndGet((now) -> now.plus(duration));
	}

	/**
	 * Makes the wall clock throw the failure when read, or read again with {@code null}.
	 */
	void failClock(Error failure) {
		this.clockFailure.set(failure);
	}

	void stepWallClock(Duration step) {
		this.wall.updateAndGet((now) -> now.plus(step));
	}

	/**
	 * Returns a token fetched now, as a fetcher would make it from the wall clock.
	 */
	AccessToken token(String value, String thumbprint, Duration lifetime, Duration refreshAfter) {
		Instant now = this.wall.get();
		return new AccessToken(value, thumbprint, now.plus(lifetime), now.plus(refreshAfter));
	}

	private final class WallClock extends Clock {

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			Error failure = VirtualTime.this.clockFailure.get();
			if (failure != null) {
				throw failure;
			}
			return VirtualTime.this.wall.get();
		}

	}

}
