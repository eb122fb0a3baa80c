package io.github.checkoutmtls.token;

import java.io.IOError;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.checkoutmtls.connector.IdentityReplacedException;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link TokenCache}, on virtual time: a fake ticker and clock that the tests
 * move.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenCacheTests {

	private static final TestPki pki = TestPki.builder().build();

	private final ClientIdentity identity = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");

	private final VirtualTime time = new VirtualTime();

	private final ControlledFetcher fetcher = new ControlledFetcher();

	private final TokenCache cache = cache(this.fetcher, List.of());

	@Test
	void tokenWhenCachedReturnsItWithoutFetching() {
		AccessToken first = answerNext(token("t1", Duration.ofMinutes(5), Duration.ofMinutes(4)));
		assertThat(this.cache.token(this.identity).block()).isSameAs(first);
		assertThat(this.fetcher.calls()).isEqualTo(1);
	}

	@Test
	void tokenWhenManyCallersMissSharesOneFetch() {
		List<Mono<AccessToken>> waiting = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			waiting.add(this.cache.token(this.identity));
		}
		assertThat(this.fetcher.calls()).isEqualTo(1);
		AccessToken token = token("t1", Duration.ofMinutes(5), Duration.ofMinutes(4));
		this.fetcher.complete(token);
		assertThat(waiting).allSatisfy((mono) -> assertThat(mono.block(Duration.ofSeconds(1))).isSameAs(token));
		assertThat(this.cache.token(this.identity).block()).isSameAs(token);
		assertThat(this.fetcher.calls()).isEqualTo(1);
	}

	@Test
	void tokenWhenDueForRefreshReturnsCurrentAndFetchesNextOnceInBackground() {
		AccessToken first = answerNext(token("t1", Duration.ofMinutes(5), Duration.ofMinutes(4)));
		this.time.advance(Duration.ofMinutes(4).plusSeconds(1));
		assertThat(this.cache.token(this.identity).block()).isSameAs(first);
		assertThat(this.cache.token(this.identity).block()).isSameAs(first);
		assertThat(this.fetcher.calls()).isEqualTo(2);
		AccessToken second = token("t2", Duration.ofMinutes(5), Duration.ofMinutes(4));
		this.fetcher.complete(second);
		assertThat(this.cache.token(this.identity).block()).isSameAs(second);
	}

	@Test
	void tokenWhenBackgroundRefreshFailsKeepsCurrentUntilExpiry() {
		AccessToken first = answerNext(token("t1", Duration.ofMinutes(5), Duration.ofMinutes(4)));
		this.time.advance(Duration.ofMinutes(4).plusSeconds(1));
		assertThat(this.cache.token(this.identity).block()).isSameAs(first);
		this.fetcher.fail(new TokenEndpointUnavailableException(503));
		assertThat(this.cache.token(this.identity).block()).isSameAs(first);
		assertThat(this.fetcher.calls()).as("no new refresh right after a failure").isEqualTo(2);
		this.time.advance(Duration.ofSeconds(2));
		assertThat(this.cache.token(this.identity).block()).isSameAs(first);
		assertThat(this.fetcher.calls()).isEqualTo(3);
	}

	@Test
	void tokenWhenExpiredWaitsForFetch() {
		answerNext(token("t1", Duration.ofMinutes(5), Duration.ofMinutes(4)));
		this.time.advance(Duration.ofMinutes(6));
		Mono<AccessToken> waiting = this.cache.token(this.identity);
		AccessToken second = token("t2", Duration.ofMinutes(5), Duration.ofMinutes(4));
		this.fetcher.complete(second);
		assertThat(waiting.block(Duration.ofSeconds(1))).isSameAs(second);
	}

	@Test
	void tokenWhenWallClockIsSteppedBackAnHourKeepsUsingTheCachedToken() {
		AccessToken first = answerNext(token("t1", Duration.ofMinutes(5), Duration.ofMinutes(4)));
		this.time.stepWallClock(Duration.ofHours(-1));
		assertThat(this.cache.token(this.identity).block()).isSameAs(first);
		this.time.stepWallClock(Duration.ofHours(2));
		assertThat(this.cache.token(this.identity).block()).as("a step forward does not expire it either")
			.isSameAs(first);
		assertThat(this.fetcher.calls()).isEqualTo(1);
	}

	@Test
	void tokenWhenWallClockIsSteppedBackAfterFailureFetchesAgainAfterTheBackoff() {
		Mono<AccessToken> waiting = this.cache.token(this.identity);
		this.fetcher.fail(new TokenEndpointUnavailableException(503));
		assertThatExceptionOfType(TokenEndpointUnavailableException.class).isThrownBy(() -> waiting.block());
		this.time.stepWallClock(Duration.ofHours(-1));
		this.time.advance(TokenCache.FAILURE_BACKOFF.plusMillis(1));
		this.cache.token(this.identity);
		assertThat(this.fetcher.calls()).as("the back-off ends on the ticker, not on the wall clock").isEqualTo(2);
	}

	@Test
	void tokenWhenIdentityChangedFetchesForNewCertificate() {
		answerNext(token("t1", Duration.ofMinutes(5), Duration.ofMinutes(4)));
		ClientIdentity rotated = rotated();
		Mono<AccessToken> waiting = this.cache.token(rotated);
		assertThat(this.fetcher.calls()).isEqualTo(2);
		assertThat(this.fetcher.lastIdentity()).isSameAs(rotated);
		AccessToken forRotated = token("t2", rotated, Duration.ofMinutes(5), Duration.ofMinutes(4));
		this.fetcher.complete(forRotated);
		assertThat(waiting.block(Duration.ofSeconds(1))).isSameAs(forRotated);
	}

	@Test
	void fetchForOldCertificateCompletingAfterNewerStartedDoesNotReplaceNewerToken() {
		Mono<AccessToken> forOld = this.cache.token(this.identity);
		ClientIdentity rotated = rotated();
		Mono<AccessToken> forNew = this.cache.token(rotated);
		AccessToken oldToken = token("old", Duration.ofMinutes(5), Duration.ofMinutes(4));
		this.fetcher.complete(0, oldToken);
		assertThat(forOld.block(Duration.ofSeconds(1))).as("its own waiters still get it").isSameAs(oldToken);
		assertThat(this.cache.cached()).as("overtaken: not cached").isNull();
		AccessToken newToken = token("new", rotated, Duration.ofMinutes(5), Duration.ofMinutes(4));
		this.fetcher.complete(1, newToken);
		assertThat(forNew.block(Duration.ofSeconds(1))).isSameAs(newToken);
		assertThat(this.cache.cached()).isSameAs(newToken);
	}

	@Test
	void fetchForOldCertificateCompletingAfterNewerCompletedKeepsNewerToken() {
		this.cache.token(this.identity);
		ClientIdentity rotated = rotated();
		this.cache.token(rotated);
		AccessToken newToken = token("new", rotated, Duration.ofMinutes(5), Duration.ofMinutes(4));
		this.fetcher.complete(1, newToken);
		this.fetcher.complete(0, token("old", Duration.ofMinutes(5), Duration.ofMinutes(4)));
		assertThat(this.cache.cached()).isSameAs(newToken);
		assertThat(this.cache.token(rotated).block()).isSameAs(newToken);
	}

	@Test
	void invalidateDropsOnlyTheRefusedToken() {
		AccessToken first = answerNext(token("t1", Duration.ofMinutes(5), Duration.ofMinutes(4)));
		this.cache.invalidate(token("other", Duration.ofMinutes(5), Duration.ofMinutes(4)));
		assertThat(this.cache.cached()).isSameAs(first);
		this.cache.invalidate(first);
		assertThat(this.cache.cached()).isNull();
	}

	@Test
	void tokenWhenFetchFailsFailsEveryWaiterAndNextCallFetchesAgain() {
		Mono<AccessToken> first = this.cache.token(this.identity);
		Mono<AccessToken> second = this.cache.token(this.identity);
		this.fetcher.fail(new IllegalStateException("token endpoint down"));
		assertThatIllegalStateException().isThrownBy(() -> first.block(Duration.ofSeconds(1)));
		assertThatIllegalStateException().isThrownBy(() -> second.block(Duration.ofSeconds(1)));
		assertThatIllegalStateException().as("a failure is not refetched at request rate")
			.isThrownBy(() -> this.cache.token(this.identity).block(Duration.ofSeconds(1)));
		assertThat(this.fetcher.calls()).isEqualTo(1);
		this.time.advance(Duration.ofSeconds(2));
		this.cache.token(this.identity);
		assertThat(this.fetcher.calls()).isEqualTo(2);
	}

	@Test
	void tokenWhenFetchFailsGivesEachWaiterItsOwnExceptionWrappingTheSharedOne() {
		List<Mono<AccessToken>> waiting = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			waiting.add(this.cache.token(this.identity).checkpoint("caller " + i));
		}
		TokenEndpointUnavailableException shared = new TokenEndpointUnavailableException(503);
		this.fetcher.fail(shared);
		List<Throwable> failures = waiting.stream().map((mono) -> catchThrowable(mono::block)).toList();
		assertThat(failures).doesNotHaveDuplicates()
			.allSatisfy((failure) -> assertThat(failure).isInstanceOf(TokenEndpointUnavailableException.class)
				.isNotSameAs(shared)
				.hasCause(shared)
				.hasMessage(shared.getMessage()));
		assertThat(shared.getSuppressed()).as("no caller's trace is added to the shared failure").isEmpty();
	}

	@Test
	void tokenWhenFetcherThrowsFailsThatFetchAndDoesNotWedgeTheCache() {
		List<Integer> calls = new ArrayList<>();
		TokenCache throwing = cache((identity) -> {
			calls.add(1);
			if (calls.size() == 1) {
				throw new IllegalArgumentException("broken fetcher");
			}
			return Mono.just(token("t2", Duration.ofMinutes(5), Duration.ofMinutes(4)));
		}, List.of());
		assertThatIllegalStateException().isThrownBy(() -> throwing.token(this.identity).block(Duration.ofSeconds(1)))
			.withRootCauseInstanceOf(IllegalArgumentException.class);
		this.time.advance(TokenCache.FAILURE_BACKOFF.plusMillis(1));
		assertThat(throwing.token(this.identity).block(Duration.ofSeconds(1)).value()).isEqualTo("t2");
	}

	@Test
	void tokenWhenFetcherReturnsNullFailsInsteadOfHanging() {
		TokenCache nullCache = cache((identity) -> null, List.of());
		assertThatIllegalStateException().isThrownBy(() -> nullCache.token(this.identity).block(Duration.ofSeconds(1)));
	}

	@Test
	void tokenWhenFetcherCompletesEmptyFailsInsteadOfHanging() {
		TokenCache emptyCache = cache((identity) -> Mono.empty(), List.of());
		assertThatIllegalStateException().isThrownBy(() -> emptyCache.token(this.identity).block(Duration.ofSeconds(1)))
			.withMessageContaining("without a token");
	}

	@Test
	void tokenWhenFetchNeverCompletesFailsEveryWaiterAfterTheFetchTimeout() {
		VirtualTimeScheduler timer = VirtualTimeScheduler.create();
		TokenCache hanging = new TokenCache((identity) -> Mono.never(), this.time.clock(), this.time::nanos,
				Duration.ofSeconds(30), timer, List.of());
		Mono<AccessToken> first = hanging.token(this.identity);
		Mono<AccessToken> second = hanging.token(this.identity);
		StepVerifier.create(first)
			.then(() -> timer.advanceTimeBy(Duration.ofSeconds(30)))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(TokenEndpointUnavailableException.class)
				.hasMessageContaining("30000 ms")
				.hasMessageContaining("checkout.mtls.jwt.token-timeout"))
			.verify(Duration.ofSeconds(1));
		StepVerifier.create(second).expectError(TokenEndpointUnavailableException.class).verify(Duration.ofSeconds(1));
		assertThat(hanging.lastFetch().successful()).isFalse();
	}

	// Any listener bug, not only a RuntimeException: an assertion of its own, a class it
	// cannot load, an I/O or service-loading error. Before, an Error made the delivered
	// fetch count as failed (health, a failure back-off) and hid it from later
	// listeners.
	@ParameterizedTest
	@MethodSource("listenerBugs")
	void tokenWhenListenerThrowsStillGivesWaitersTheTokenCachesItAndTellsTheOtherListeners(Throwable bug,
			CapturedOutput output) {
		List<String> told = new ArrayList<>();
		TokenFetchListener broken = new TokenFetchListener() {
			@Override
			public void tokenFetched(ClientIdentity identity, Duration duration) {
				if (bug instanceof Error error) {
					throw error;
				}
				throw (RuntimeException) bug;
			}
		};
		TokenFetchListener counting = new TokenFetchListener() {
			@Override
			public void tokenFetched(ClientIdentity identity, Duration duration) {
				told.add("fetched");
			}

			@Override
			public void tokenFetchFailed(ClientIdentity identity, Duration duration, Throwable failure) {
				told.add("failed");
			}
		};
		TokenCache listened = cache(this.fetcher, List.of(broken, counting));
		Mono<AccessToken> waiting = listened.token(this.identity);
		AccessToken token = token("t1", Duration.ofMinutes(5), Duration.ofMinutes(4));
		this.fetcher.complete(token);
		assertThat(waiting.block(Duration.ofSeconds(1))).isSameAs(token);
		assertThat(listened.cached()).isSameAs(token);
		assertThat(listened.lastFetch().successful()).isTrue();
		assertThat(told).containsExactly("fetched");
		assertThat(listened.token(this.identity).block(Duration.ofSeconds(1))).isSameAs(token);
		assertThat(this.fetcher.calls()).isOne();
		listened.clear();
		Mono<AccessToken> again = listened.token(this.identity);
		this.fetcher.complete(token("t2", Duration.ofMinutes(5), Duration.ofMinutes(4)));
		assertThat(again.block(Duration.ofSeconds(1)).value()).isEqualTo("t2");
		assertThat(told).containsExactly("fetched", "fetched");
		assertThat(output.getOut()).contains("listener bug");
		assertThat(output.getOut().split("failed; the token fetch and the", -1)).as("logged once").hasSize(2);
	}

	static List<Throwable> listenerBugs() {
		return List.of(new IllegalStateException("listener bug"), new AssertionError("listener bug"),
				new NoClassDefFoundError("listener bug"), new IOError(new IOException("listener bug")),
				new ServiceConfigurationError("listener bug"));
	}

	// Reactor throws a LinkageError from an operator rather than signal it. Before, the
	// fetch stayed in flight until its timeout, every waiter then got a timeout, and the
	// cause was lost; the caller that started the fetch got the error thrown at it.
	@Test
	void tokenWhenFetcherThrowsALinkageErrorFailsTheFetchAtOnceWithItsCause() {
		VirtualTimeScheduler timer = VirtualTimeScheduler.create();
		AtomicInteger calls = new AtomicInteger();
		List<Throwable> told = new ArrayList<>();
		TokenFetcher missingClass = (identity) -> {
			calls.incrementAndGet();
			throw new NoClassDefFoundError("fetcher/Bug");
		};
		TokenCache broken = new TokenCache(missingClass, this.time.clock(), this.time::nanos, Duration.ofSeconds(30),
				timer, List.of(new TokenFetchListener() {
					@Override
					public void tokenFetchFailed(ClientIdentity identity, Duration duration, Throwable failure) {
						told.add(failure);
					}
				}));
		Mono<AccessToken> first = broken.token(this.identity);
		StepVerifier.create(first)
			.expectErrorSatisfies((ex) -> assertThat(ex).hasRootCauseInstanceOf(NoClassDefFoundError.class))
			.verify(Duration.ofSeconds(1));
		assertThat(broken.lastFetch().successful()).isFalse();
		assertThat(broken.lastFetch().failure()).contains("fetcher/Bug");
		assertThat(told).hasSize(1).first().isInstanceOf(NoClassDefFoundError.class);
		timer.advanceTimeBy(Duration.ofMinutes(1));
		assertThat(told).as("settled once: no timeout after it").hasSize(1);
		this.time.advance(TokenCache.FAILURE_BACKOFF.plusMillis(1));
		StepVerifier.create(broken.token(this.identity)).expectError().verify(Duration.ofSeconds(1));
		assertThat(calls).as("a new fetch once the back-off is over, not one stuck in flight").hasValue(2);
	}

	// A fetch settles once: a fetcher that signals a failure and then throws leaves the
	// first outcome as it is, told to listeners once.
	@Test
	void tokenWhenTheFetcherFailsAndThenThrowsSettlesTheFetchOnce() {
		List<Throwable> told = new ArrayList<>();
		IllegalStateException first = new IllegalStateException("first");
		TokenFetcher failingTwice = (identity) -> new Mono<>() {

			@Override
			public void subscribe(CoreSubscriber<? super AccessToken> actual) {
				actual.onSubscribe(Operators.emptySubscription());
				actual.onError(first);
				throw new NoClassDefFoundError("then/Thrown");
			}

		};
		TokenCache twice = cache(failingTwice, List.of(new TokenFetchListener() {
			@Override
			public void tokenFetchFailed(ClientIdentity identity, Duration duration, Throwable failure) {
				told.add(failure);
			}
		}));
		StepVerifier.create(twice.token(this.identity))
			.expectErrorSatisfies((ex) -> assertThat(ex).hasCause(first))
			.verify(Duration.ofSeconds(1));
		assertThat(told).containsExactly(first);
		assertThat(twice.lastFetch().failure()).isEqualTo("first");
	}

	// The clock is read once the fetch was claimed: an Error there must still reach the
	// waiters, and leave no fetch in flight for the next one to join.
	@Test
	void tokenWhenTheClockFailsWhileSettlingFailsTheWaitersAndLetsTheNextFetchStart() {
		TokenCache settling = cache(this.fetcher, List.of());
		Mono<AccessToken> waiting = settling.token(this.identity);
		this.time.failClock(new AssertionError("clock bug"));
		this.fetcher.complete(token("t1", Duration.ofMinutes(5), Duration.ofMinutes(4)));
		StepVerifier.create(waiting)
			.expectErrorSatisfies((ex) -> assertThat(ex).hasStackTraceContaining("clock bug"))
			.verify(Duration.ofSeconds(1));
		this.time.failClock(null);
		Mono<AccessToken> again = settling.token(this.identity);
		assertThat(this.fetcher.calls()).as("a new fetch, not the settled one joined").isEqualTo(2);
		AccessToken second = token("t2", Duration.ofMinutes(5), Duration.ofMinutes(4));
		this.fetcher.complete(second);
		assertThat(again.block(Duration.ofSeconds(1))).isSameAs(second);
	}

	@Test
	void tokenWhenTheBackgroundRefreshThrowsALinkageErrorStillReturnsTheCurrentToken() {
		AtomicInteger calls = new AtomicInteger();
		AccessToken first = token("t1", Duration.ofMinutes(5), Duration.ofMinutes(4));
		TokenFetcher failingSecond = (identity) -> {
			if (calls.incrementAndGet() == 1) {
				return Mono.just(first);
			}
			throw new NoClassDefFoundError("fetcher/Bug");
		};
		TokenCache refreshing = cache(failingSecond, List.of());
		assertThat(refreshing.token(this.identity).block(Duration.ofSeconds(1))).isSameAs(first);
		this.time.advance(Duration.ofMinutes(4).plusSeconds(1));
		assertThat(refreshing.token(this.identity).block(Duration.ofSeconds(1))).isSameAs(first);
		assertThat(calls).hasValue(2);
		assertThat(refreshing.lastFetch().successful()).isFalse();
	}

	// The cache keys tokens by the thumbprint the fetcher puts on them: a token for
	// another leaf, or for none, would never be a hit (a fetch per request) or fail
	// every request after the first.
	@ParameterizedTest
	@MethodSource("tokensForNoOne")
	void tokenWhenTheFetcherReturnsATokenNotForTheIdentityFailsTheFetchAndCachesNothing(String value, String thumbprint,
			String message) {
		TokenCache checked = cache(this.fetcher, List.of());
		Mono<AccessToken> waiting = checked.token(this.identity);
		this.fetcher.complete(new AccessToken(value, thumbprint, this.time.clock().instant().plusSeconds(300),
				this.time.clock().instant().plusSeconds(240)));
		StepVerifier.create(waiting)
			.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining(message)
				.hasMessageContaining(ControlledFetcher.class.getName()))
			.verify(Duration.ofSeconds(1));
		assertThat(checked.cached()).isNull();
		assertThat(checked.lastFetch().successful()).isFalse();
	}

	static List<Arguments> tokensForNoOne() {
		String other = rotatedIdentity().thumbprint();
		return List.of(Arguments.of("t1", other, "returned a token for x5t#S256=" + other),
				Arguments.of("t1", null, "returned a token for x5t#S256=null"),
				Arguments.of("", pkiIdentity().thumbprint(), "returned a token without a value"),
				Arguments.of(null, pkiIdentity().thumbprint(), "returned a token without a value"));
	}

	@Test
	void tokenWhenListenerThrowsOnFailureStillFailsWaiters() {
		TokenFetchListener broken = new TokenFetchListener() {
			@Override
			public void tokenFetchFailed(ClientIdentity identity, Duration duration, Throwable failure) {
				throw new IllegalStateException("listener bug");
			}
		};
		TokenCache listened = cache(this.fetcher, List.of(broken));
		Mono<AccessToken> waiting = listened.token(this.identity);
		this.fetcher.fail(new TokenEndpointUnavailableException(503));
		StepVerifier.create(waiting).expectError(TokenEndpointUnavailableException.class).verify(Duration.ofSeconds(1));
	}

	@Test
	void listenersAreToldAfterWaitersGotTheToken() {
		List<String> order = new ArrayList<>();
		TokenCache listened = cache(this.fetcher, List.of(new TokenFetchListener() {
			@Override
			public void tokenFetched(ClientIdentity identity, Duration duration) {
				order.add("listener");
			}
		}));
		listened.token(this.identity).subscribe((token) -> order.add("waiter"));
		this.fetcher.complete(token("t1", Duration.ofMinutes(5), Duration.ofMinutes(4)));
		assertThat(order).containsExactly("waiter", "listener");
	}

	@Test
	void listenerIsToldTheFetchDurationOnTheTicker() {
		List<Duration> durations = new ArrayList<>();
		TokenCache listened = cache(this.fetcher, List.of(new TokenFetchListener() {
			@Override
			public void tokenFetched(ClientIdentity identity, Duration duration) {
				durations.add(duration);
			}
		}));
		listened.token(this.identity);
		this.time.advance(Duration.ofMillis(250));
		this.time.stepWallClock(Duration.ofHours(-1));
		this.fetcher.complete(token("t1", Duration.ofMinutes(5), Duration.ofMinutes(4)));
		assertThat(durations).containsExactly(Duration.ofMillis(250));
	}

	@Test
	void tokenWhenRefreshTimeIsReachedExactlyFetchesTheNextInBackground() {
		AccessToken first = answerNext(token("t1", Duration.ofMinutes(5), Duration.ofMinutes(4)));
		this.time.advance(Duration.ofMinutes(4));
		assertThat(this.cache.token(this.identity).block()).isSameAs(first);
		assertThat(this.fetcher.calls()).isEqualTo(2);
	}

	@Test
	void tokenWhenExpiryIsReachedExactlyIsNoLongerUsed() {
		answerNext(token("t1", Duration.ofMinutes(5), Duration.ofMinutes(4)));
		this.time.advance(Duration.ofMinutes(5));
		Mono<AccessToken> waiting = this.cache.token(this.identity);
		AccessToken second = token("t2", Duration.ofMinutes(5), Duration.ofMinutes(4));
		this.fetcher.complete(second);
		assertThat(waiting.block(Duration.ofSeconds(1))).isSameAs(second);
	}

	@Test
	void tokenWhenLifetimeIsBeyondACenturyIsUsedForACenturyAtMost() {
		Duration beyond = Duration.ofDays(365 * 100).plusMillis(500);
		answerNext(token("t1", beyond, beyond));
		this.time.advance(Duration.ofDays(365 * 100));
		this.cache.token(this.identity);
		assertThat(this.fetcher.calls()).isEqualTo(2);
	}

	@Test
	void tokenWhenFailureBackoffHasJustEndedFetchesAgain() {
		Mono<AccessToken> waiting = this.cache.token(this.identity);
		this.fetcher.fail(new TokenEndpointUnavailableException(503));
		assertThatExceptionOfType(TokenEndpointUnavailableException.class).isThrownBy(() -> waiting.block());
		this.time.advance(TokenCache.FAILURE_BACKOFF);
		this.cache.token(this.identity);
		assertThat(this.fetcher.calls()).isEqualTo(2);
	}

	@Test
	void tokenWhenFetcherAnswersATokenWithoutExpiryFailsItsWaitersInsteadOfHanging() {
		List<Throwable> failures = new ArrayList<>();
		this.cache.token(this.identity).subscribe(null, failures::add);
		this.fetcher.complete(new AccessToken("t1", this.identity.thumbprint(), null, null));
		assertThat(failures).hasSize(1);
		assertThat(failures.get(0)).isInstanceOf(IllegalStateException.class)
			.hasRootCauseInstanceOf(NullPointerException.class);
		assertThat(this.cache.cached()).isNull();
		assertThat(this.cache.lastFetch().successful()).isFalse();
		this.time.advance(TokenCache.FAILURE_BACKOFF);
		this.cache.token(this.identity);
		assertThat(this.fetcher.calls()).as("the failed fetch does not wedge the cache").isEqualTo(2);
	}

	@Test
	void listenerIsToldAFailedFetchWithItsDurationOnTheTicker() {
		List<Duration> durations = new ArrayList<>();
		List<Throwable> failures = new ArrayList<>();
		TokenCache listened = cache(this.fetcher, List.of(new TokenFetchListener() {
			@Override
			public void tokenFetchFailed(ClientIdentity identity, Duration duration, Throwable failure) {
				durations.add(duration);
				failures.add(failure);
			}
		}));
		listened.token(this.identity).subscribe(null, (ex) -> {
		});
		this.time.advance(Duration.ofMillis(250));
		TokenEndpointUnavailableException failure = new TokenEndpointUnavailableException(503);
		this.fetcher.fail(failure);
		assertThat(durations).containsExactly(Duration.ofMillis(250));
		assertThat(failures).containsExactly(failure);
	}

	@Test
	void fetchOvertakenByACertificateSwapIsNotReportedAsAFailedFetch() {
		List<Throwable> told = new ArrayList<>();
		TokenCache listened = cache(this.fetcher, List.of(new TokenFetchListener() {
			@Override
			public void tokenFetchFailed(ClientIdentity identity, Duration duration, Throwable failure) {
				told.add(failure);
			}
		}));
		List<Throwable> failures = new ArrayList<>();
		listened.token(this.identity).subscribe(null, failures::add);
		this.fetcher.fail(new IdentityReplacedException(this.identity, rotated()));
		assertThat(failures).singleElement()
			.satisfies((ex) -> assertThat(IdentityReplacedException.isCauseOf(ex)).isTrue());
		assertThat(told).as("no token request was sent: nothing to report").isEmpty();
		assertThat(listened.lastFetch()).isNull();
		listened.token(this.identity);
		assertThat(this.fetcher.calls()).as("no failure back-off either").isEqualTo(2);
	}

	@Test
	void toStringNeverShowsTokenValue() {
		assertThat(token("secret-token-value", Duration.ofMinutes(5), Duration.ofMinutes(4)).toString())
			.doesNotContain("secret-token-value")
			.contains(this.identity.thumbprint());
	}

	private TokenCache cache(TokenFetcher tokenFetcher, List<TokenFetchListener> listeners) {
		return new TokenCache(tokenFetcher, this.time.clock(), this.time::nanos, Duration.ofMinutes(1),
				VirtualTimeScheduler.create(), listeners);
	}

	private AccessToken answerNext(AccessToken token) {
		Mono<AccessToken> result = this.cache.token(this.identity);
		this.fetcher.complete(token);
		return result.block(Duration.ofSeconds(1));
	}

	private static ClientIdentity pkiIdentity() {
		return ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");
	}

	private static ClientIdentity rotatedIdentity() {
		return ClientIdentity.of(pki.chainFor(pki.issueLeaf("another", KeyType.EC_P256)), pki.leaf().privateKey(),
				"test=another");
	}

	private ClientIdentity rotated() {
		return ClientIdentity.of(pki.chainFor(pki.issueLeaf("rotated", KeyType.EC_P256)), pki.leaf().privateKey(),
				"test=rotated");
	}

	private AccessToken token(String value, Duration lifetime, Duration refreshAfter) {
		return token(value, this.identity, lifetime, refreshAfter);
	}

	private AccessToken token(String value, ClientIdentity owner, Duration lifetime, Duration refreshAfter) {
		return this.time.token(value, owner.thumbprint(), lifetime, refreshAfter);
	}

}
