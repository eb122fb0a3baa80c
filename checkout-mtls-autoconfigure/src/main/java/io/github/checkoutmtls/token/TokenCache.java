package io.github.checkoutmtls.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;

import io.github.checkoutmtls.connector.IdentityReplacedException;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Caches the access token of the current client identity. A hit is one volatile read, one
 * ticker read and two comparisons, with no lock. A miss, or a token due for refresh, goes
 * through a single shared fetch, however many callers race: they all wait on the same
 * result, bounded in time. A token is only used with the identity (leaf thumbprint) it
 * was fetched with, so a certificate swap makes the cached token a miss. Expiry, refresh
 * and back-off are measured on a monotonic ticker: the wall clock only dates what is
 * shown.
 */
public final class TokenCache {

	private static final Log logger = LogFactory.getLog(TokenCache.class);

	// A failed fetch is not repeated for this long, so requests cannot hammer a failing
	// token host.
	static final Duration FAILURE_BACKOFF = Duration.ofSeconds(1);

	// Not documented by Checkout. A token refused this soon after its request was sent
	// was fresh: the 401 is not staleness (a CN or client mismatch, a revoked client),
	// and fetching again would only repeat it at request rate. 10 s covers a fetch plus
	// the first request made with its token on a slow network, and bounds a persistent
	// 401 to one token request per 10 s.
	static final Duration REFUSED_TOKEN_WINDOW = Duration.ofSeconds(10);

	private final TokenFetcher fetcher;

	private final Clock clock;

	private final LongSupplier ticker;

	private final Duration fetchTimeout;

	// Null for Reactor's parallel scheduler, taken by the first fetch rather than at
	// construction, during the application's start.
	private final @Nullable Scheduler timer;

	private final TokenFetchListeners listeners;

	private final AtomicReference<CachedToken> current = new AtomicReference<>();

	private final AtomicReference<TokenFlight> flight = new AtomicReference<>();

	private final AtomicLong sequence = new AtomicLong();

	private final AtomicLong latestStarted = new AtomicLong();

	private volatile Failure lastFailure;

	private volatile TokenFetch lastFetch;

	/**
	 * Creates a cache whose fetches may take up to a minute.
	 * @param fetcher fetches tokens
	 * @param clock the clock that dates the fetches shown by {@link #lastFetch()}
	 */
	public TokenCache(TokenFetcher fetcher, Clock clock) {
		this(fetcher, clock, List.of());
	}

	/**
	 * Creates a cache that tells listeners about every fetch, and whose fetches may take
	 * up to a minute.
	 * @param fetcher fetches tokens
	 * @param clock the clock that dates the fetches shown by {@link #lastFetch()}
	 * @param listeners told about every fetch, in order
	 */
	public TokenCache(TokenFetcher fetcher, Clock clock, List<TokenFetchListener> listeners) {
		this(fetcher, clock, System::nanoTime, Duration.ofMinutes(1), null, listeners);
	}

	/**
	 * Creates a cache that tells listeners about every fetch and dates fetches by the
	 * system clock.
	 * @param fetcher fetches tokens
	 * @param fetchTimeout time after which a fetch that did not complete fails every
	 * request waiting for it
	 * @param listeners told about every fetch, in order
	 */
	public TokenCache(TokenFetcher fetcher, Duration fetchTimeout, List<TokenFetchListener> listeners) {
		this(fetcher, Clock.systemUTC(), System::nanoTime, fetchTimeout, null, listeners);
	}

	TokenCache(TokenFetcher fetcher, Clock clock, LongSupplier ticker, Duration fetchTimeout, @Nullable Scheduler timer,
			List<TokenFetchListener> listeners) {
		this.fetcher = fetcher;
		this.clock = clock;
		this.ticker = ticker;
		this.fetchTimeout = fetchTimeout;
		this.timer = timer;
		this.listeners = new TokenFetchListeners(listeners);
	}

	/**
	 * Returns a valid token for the identity: the cached one, or the result of the shared
	 * fetch. A token due for refresh but not expired is returned at once while the next
	 * one is fetched in the background.
	 * @param identity the identity requests are presenting
	 * @return the token
	 */
	public Mono<AccessToken> token(ClientIdentity identity) {
		CachedToken cached = this.current.get();
		if (cached != null && cached.isFor(identity)) {
			long now = this.ticker.getAsLong();
			if (!cached.isDueForRefresh(now)) {
				return Mono.just(cached.token());
			}
			if (!cached.isExpired(now)) {
				refreshInBackground(identity);
				return Mono.just(cached.token());
			}
		}
		Failure failure = recentFailure(identity.thumbprint());
		return (failure != null) ? failure.signal(this.clock) : fetch(identity);
	}

	/**
	 * Replaces a token the API refused (answered 401 to) with a fresh one for the same
	 * identity, through one shared fetch however many callers were refused. Completes
	 * empty when the refused token is younger than a few seconds (a fresh token was
	 * refused, so the 401 is not staleness and another fetch would not help), or when a
	 * certificate swap cleared it meanwhile (the caller starts over with the current
	 * identity). Emits the newer token when one already replaced the refused one.
	 * @param refused the token the API refused
	 * @return the replacement, or empty when there is none worth fetching
	 */
	public Mono<AccessToken> replaceRefused(AccessToken refused) {
		return Mono.defer(() -> {
			CachedToken cached = this.current.get();
			long now = this.ticker.getAsLong();
			if (cached != null && cached.token() == refused) {
				if (cached.isYoungerThan(REFUSED_TOKEN_WINDOW, now)) {
					return Mono.empty();
				}
				// The fetch starts before the refused token is dropped, so a caller
				// refused meanwhile joins it.
				Mono<AccessToken> fresh = fetch(cached.identity());
				this.current.compareAndSet(cached, null);
				return fresh;
			}
			if (cached != null && cached.token().thumbprint().equals(refused.thumbprint()) && !cached.isExpired(now)) {
				return Mono.just(cached.token());
			}
			return joinFetchFor(refused.thumbprint());
		});
	}

	private Mono<AccessToken> joinFetchFor(String thumbprint) {
		TokenFlight inFlight = this.flight.get();
		if (inFlight != null && inFlight.isFor(thumbprint)) {
			return inFlight.waiter(this.clock);
		}
		Failure failure = recentFailure(thumbprint);
		return (failure != null) ? failure.signal(this.clock) : Mono.empty();
	}

	private void refreshInBackground(ClientIdentity identity) {
		if (recentFailure(identity.thumbprint()) == null) {
			// The failure, if any, is logged once by fail(); the current token stays in
			// use meanwhile.
			fetch(identity).subscribe(null, (ex) -> {
			});
		}
	}

	private Failure recentFailure(String thumbprint) {
		Failure failure = this.lastFailure;
		return (failure != null && failure.identity().thumbprint().equals(thumbprint)
				&& this.ticker.getAsLong() - failure.until() < 0) ? failure : null;
	}

	/**
	 * Drops a token the API refused, unless it was already replaced.
	 * @param token the refused token
	 */
	public void invalidate(AccessToken token) {
		CachedToken cached = this.current.get();
		if (cached != null && cached.token() == token) {
			this.current.compareAndSet(cached, null);
		}
	}

	/**
	 * Drops whatever token is cached, e.g. because the certificate it is bound to was
	 * replaced.
	 */
	public void clear() {
		this.current.set(null);
	}

	/**
	 * Returns the cached token, valid or not.
	 * @return the token, or {@code null}
	 */
	public AccessToken cached() {
		CachedToken cached = this.current.get();
		return (cached != null) ? cached.token() : null;
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
			TokenFlight existing = this.flight.get();
			if (existing != null && existing.isFor(identity.thumbprint())) {
				return existing.waiter(this.clock);
			}
			TokenFlight started = TokenFlight.start(identity, this.sequence.incrementAndGet(), this.ticker.getAsLong());
			if (this.flight.compareAndSet(existing, started)) {
				this.latestStarted.accumulateAndGet(started.sequence(), Math::max);
				launch(started);
				return started.waiter(this.clock);
			}
		}
	}

	private void launch(TokenFlight started) {
		// Deferred: a fetcher that throws, or returns null, fails this fetch instead of
		// wedging the cache.
		BaseSubscriber<AccessToken> outcome = new BaseSubscriber<>() {

			@Override
			protected void hookOnNext(AccessToken token) {
				complete(started, token);
			}

			@Override
			protected void hookOnError(Throwable ex) {
				fail(started, ex);
			}

		};
		try {
			Mono.defer(() -> this.fetcher.fetch(started.identity()))
				.switchIfEmpty(
						Mono.error(() -> new IllegalStateException("The token fetcher completed without a token")))
				.timeout(this.fetchTimeout, Mono.error(() -> new TokenEndpointUnavailableException(this.fetchTimeout)),
						(this.timer != null) ? this.timer : Schedulers.parallel())
				.subscribe(outcome);
		}
		catch (RuntimeException | Error ex) {
			// Reactor throws what it takes for the JVM's own failures, a LinkageError
			// included (a fetcher, or a filter of its WebClient, missing a class), rather
			// than signal it: without this, the fetch would stay in flight until its
			// timeout, and its cause would be lost.
			outcome.dispose();
			fail(started, ex);
			if (ex instanceof VirtualMachineError fatal) {
				throw fatal;
			}
		}
	}

	private void complete(TokenFlight completed, AccessToken token) {
		if (completed.settle()) {
			settling(completed, () -> completeSettled(completed, token));
		}
	}

	// Whatever fails once a fetch was claimed (the clock, a log line, a listener's JVM
	// failure), its waiters hear of it and the next fetch can start: the claim took the
	// fetch's timeout's place.
	private void settling(TokenFlight flight, Runnable settle) {
		try {
			settle.run();
		}
		catch (RuntimeException | Error ex) {
			this.flight.compareAndSet(flight, null);
			flight.result().tryEmitError(ex);
			if (ex instanceof VirtualMachineError fatal) {
				throw fatal;
			}
			logger.warn("Settling a Checkout access token fetch failed", ex);
		}
	}

	private void completeSettled(TokenFlight completed, AccessToken token) {
		long now = this.ticker.getAsLong();
		CachedToken cached;
		try {
			requireFor(token, completed.identity());
			cached = CachedToken.of(token, completed, now, this.clock.instant());
		}
		catch (RuntimeException ex) {
			failSettled(completed, ex);
			return;
		}
		// A fetch overtaken by one for a newer certificate must not replace that
		// certificate's token.
		if (this.latestStarted.get() == completed.sequence()) {
			install(cached);
		}
		this.lastFailure = null;
		this.lastFetch = new TokenFetch(this.clock.instant(), true, completed.identity().thumbprint(), null);
		this.flight.compareAndSet(completed, null);
		logger.debug("Fetched a Checkout access token bound to x5t#S256=" + token.thumbprint() + ", expiring at "
				+ token.expiresAt());
		completed.result().tryEmitValue(token);
		this.listeners.fetched(completed.identity(), Duration.ofNanos(now - completed.startedAt()));
	}

	// Never replaces a token brought by a later fetch, whatever order the two completions
	// run in.
	private void install(CachedToken cached) {
		CachedToken existing;
		do {
			existing = this.current.get();
			if (existing != null && existing.sequence() > cached.sequence()) {
				return;
			}
		}
		while (!this.current.compareAndSet(existing, cached));
	}

	// A TokenFetcher's token must be for the identity it was asked for: a token without
	// a value, or with another leaf's thumbprint (or none), would be sent on no request
	// or on every one with nothing cached.
	private void requireFor(AccessToken token, ClientIdentity identity) {
		if (token.value() == null || token.value().isEmpty()) {
			throw new IllegalStateException(
					"The TokenFetcher " + this.fetcher.getClass().getName() + " returned a token without a value");
		}
		if (!identity.thumbprint().equals(token.thumbprint())) {
			throw new IllegalStateException("The TokenFetcher " + this.fetcher.getClass().getName()
					+ " returned a token for x5t#S256=" + token.thumbprint()
					+ ", not for the certificate it was given (x5t#S256=" + identity.thumbprint()
					+ "): an AccessToken carries the thumbprint of the ClientIdentity passed to fetch");
		}
	}

	private void fail(TokenFlight failed, Throwable ex) {
		if (failed.settle()) {
			settling(failed, () -> failSettled(failed, ex));
		}
	}

	private void failSettled(TokenFlight failed, Throwable ex) {
		long now = this.ticker.getAsLong();
		// Overtaken by a certificate swap before anything was sent: not a token request,
		// so not reported.
		boolean reported = !IdentityReplacedException.isCauseOf(ex);
		if (reported) {
			this.lastFailure = new Failure(failed.identity(), ex, now + FAILURE_BACKOFF.toNanos());
			logger.warn("Fetching a Checkout access token failed; not retried for " + FAILURE_BACKOFF.toMillis()
					+ " ms: " + ex.getMessage());
			this.lastFetch = new TokenFetch(this.clock.instant(), false, failed.identity().thumbprint(),
					ex.getMessage());
		}
		this.flight.compareAndSet(failed, null);
		failed.result().tryEmitError(ex);
		if (reported) {
			this.listeners.fetchFailed(failed.identity(), Duration.ofNanos(now - failed.startedAt()), ex);
		}
	}

	private record Failure(ClientIdentity identity, Throwable exception, long until) {

		Mono<AccessToken> signal(Clock clock) {
			return Mono.error(() -> WaiterFailures.freshFor(this.exception, this.identity, clock.instant()));
		}

	}

	/**
	 * The outcome of the latest token fetch, for health reports. Never holds the token.
	 *
	 * @param completedAt when the fetch completed
	 * @param successful whether a token was fetched
	 * @param thumbprint the x5t#S256 thumbprint of the leaf the fetch presented
	 * @param failure the failure's message, or {@code null} when the fetch succeeded
	 */
	public record TokenFetch(Instant completedAt, boolean successful, String thumbprint, String failure) {

	}

}
