package io.github.checkoutmtls.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.checkoutmtls.connector.IdentityReplacedException;
import io.github.checkoutmtls.identity.ClientIdentity;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Caches the access token of the current client identity. A hit is one atomic read and two
 * comparisons, with no lock. A miss, or a token due for refresh, goes through a single shared fetch,
 * however many callers race: they all wait on the same result. A token is only used with the identity
 * (leaf thumbprint) it was fetched with, so a certificate swap makes the cached token a miss.
 */
public final class TokenCache {

	private static final Log logger = LogFactory.getLog(TokenCache.class);

	private static final Duration FAILURE_BACKOFF = Duration.ofSeconds(1);

	private final TokenFetcher fetcher;

	private final Clock clock;

	private final AtomicReference<AccessToken> current = new AtomicReference<>();

	private final AtomicReference<Flight> flight = new AtomicReference<>();

	private volatile Failure lastFailure;

	private final List<TokenFetchListener> listeners;

	private volatile TokenFetch lastFetch;

	/**
	 * Creates a cache.
	 * @param fetcher fetches tokens
	 * @param clock the clock to compare expiry with
	 */
	public TokenCache(TokenFetcher fetcher, Clock clock) {
		this(fetcher, clock, List.of());
	}

	/**
	 * Creates a cache that tells listeners about every fetch.
	 * @param fetcher fetches tokens
	 * @param clock the clock to compare expiry with
	 * @param listeners told about every fetch, in order
	 */
	public TokenCache(TokenFetcher fetcher, Clock clock, List<TokenFetchListener> listeners) {
		this.fetcher = fetcher;
		this.clock = clock;
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Returns a valid token for the identity: the cached one, or the result of the shared fetch. A token
	 * due for refresh but not expired is returned at once while the next one is fetched in the background.
	 * @param identity the identity requests are presenting
	 * @return the token
	 */
	public Mono<AccessToken> token(ClientIdentity identity) {
		AccessToken token = this.current.get();
		if (token != null && token.isFor(identity)) {
			Instant now = this.clock.instant();
			if (now.isBefore(token.refreshAt())) {
				return Mono.just(token);
			}
			if (now.isBefore(token.expiresAt())) {
				if (recentFailure(identity, now) == null) {
					// The failure, if any, is logged once by fail(); the current token stays in use meanwhile.
					fetch(identity).subscribe(null, (ex) -> {
					});
				}
				return Mono.just(token);
			}
		}
		Failure failure = recentFailure(identity, this.clock.instant());
		return (failure != null) ? Mono.error(failure.exception()) : fetch(identity);
	}

	// A failed fetch is not repeated for FAILURE_BACKOFF, so requests cannot hammer a failing token host.
	private Failure recentFailure(ClientIdentity identity, Instant now) {
		Failure failure = this.lastFailure;
		return (failure != null && failure.thumbprint().equals(identity.thumbprint()) && now.isBefore(failure.until()))
				? failure : null;
	}

	/**
	 * Drops a token the API refused, unless it was already replaced.
	 * @param token the refused token
	 */
	public void invalidate(AccessToken token) {
		this.current.compareAndSet(token, null);
	}

	/**
	 * Drops whatever token is cached, e.g. because the certificate it is bound to was replaced.
	 */
	public void clear() {
		this.current.set(null);
	}

	/**
	 * Returns the cached token, valid or not.
	 * @return the token, or {@code null}
	 */
	public AccessToken cached() {
		return this.current.get();
	}

	/**
	 * Returns the outcome of the latest fetch.
	 * @return the latest fetch, or {@code null} before the first one completed
	 */
	public TokenFetch lastFetch() {
		return this.lastFetch;
	}

	private Mono<AccessToken> fetch(ClientIdentity identity) {
		while (true) {
			Flight existing = this.flight.get();
			if (existing != null && existing.thumbprint().equals(identity.thumbprint())) {
				return existing.result().asMono();
			}
			Flight started = new Flight(identity.thumbprint(), Sinks.one());
			if (this.flight.compareAndSet(existing, started)) {
				Instant start = this.clock.instant();
				this.fetcher.fetch(identity)
					.switchIfEmpty(Mono.error(() -> new IllegalStateException("The token fetcher completed without a token")))
					.subscribe((token) -> complete(started, token, identity, start),
							(ex) -> fail(started, ex, identity, start));
				return started.result().asMono();
			}
		}
	}

	private void complete(Flight flight, AccessToken token, ClientIdentity identity, Instant start) {
		// A flight overtaken by one for a newer certificate must not replace that certificate's token.
		if (this.flight.get() == flight) {
			this.current.set(token);
		}
		this.flight.compareAndSet(flight, null);
		this.lastFailure = null;
		logger.debug("Fetched a Checkout access token bound to x5t#S256=" + token.thumbprint() + ", expiring at "
				+ token.expiresAt());
		Instant now = this.clock.instant();
		this.lastFetch = new TokenFetch(now, true, identity.thumbprint(), null);
		this.listeners.forEach((listener) -> listener.tokenFetched(identity, Duration.between(start, now)));
		flight.result().tryEmitValue(token);
	}

	private void fail(Flight flight, Throwable ex, ClientIdentity identity, Instant start) {
		this.flight.compareAndSet(flight, null);
		// Overtaken by a certificate swap before anything was sent: not a token request, so not reported.
		if (!IdentityReplacedException.isCauseOf(ex)) {
			Instant now = this.clock.instant();
			this.lastFailure = new Failure(identity.thumbprint(), ex, now.plus(FAILURE_BACKOFF));
			logger.warn("Fetching a Checkout access token failed; not retried for " + FAILURE_BACKOFF.toMillis()
					+ " ms: " + ex.getMessage());
			this.lastFetch = new TokenFetch(now, false, identity.thumbprint(), ex.getMessage());
			this.listeners.forEach((listener) -> listener.tokenFetchFailed(identity, Duration.between(start, now), ex));
		}
		flight.result().tryEmitError(ex);
	}

	private record Flight(String thumbprint, Sinks.One<AccessToken> result) {

	}

	private record Failure(String thumbprint, Throwable exception, Instant until) {

	}

}
