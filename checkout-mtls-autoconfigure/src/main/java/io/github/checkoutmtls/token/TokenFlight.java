package io.github.checkoutmtls.token;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One shared token fetch, which every caller that needs a token for the same identity
 * meanwhile waits on.
 *
 * @param identity the identity the token is fetched for
 * @param sequence increases with every fetch started, so an overtaken fetch can be told
 * apart
 * @param startedAt ticker reading when the fetch started
 * @param result the outcome, emitted once to every waiter
 * @param settled whether an outcome was taken
 */
record TokenFlight(ClientIdentity identity, long sequence, long startedAt, Sinks.One<AccessToken> result,
		AtomicBoolean settled) {

	static TokenFlight start(ClientIdentity identity, long sequence, long startedAt) {
		return new TokenFlight(identity, sequence, startedAt, Sinks.one(), new AtomicBoolean());
	}

	/**
	 * Claims the right to settle the fetch: the first outcome wins, and a later one (a
	 * timeout after a failure that was thrown rather than signalled) changes nothing.
	 * @return whether this caller settles it
	 */
	boolean settle() {
		return this.settled.compareAndSet(false, true);
	}

	boolean isFor(String thumbprint) {
		return this.identity.thumbprint().equals(thumbprint);
	}

	/**
	 * Returns the outcome for one waiter: a failure reaches each waiter as its own
	 * exception, so the operators of one caller's chain never add their traces to another
	 * caller's.
	 */
	Mono<AccessToken> waiter(Clock clock) {
		return this.result.asMono().onErrorMap((ex) -> WaiterFailures.freshFor(ex, this.identity, clock.instant()));
	}

}
