package io.github.checkoutmtls.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.pki.TestPki;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link TokenCache}.
 */
class TokenCacheTests {

	private static final TestPki pki = TestPki.builder().build();

	private final ClientIdentity identity = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

	private final ControlledFetcher fetcher = new ControlledFetcher();

	private final TokenCache cache = new TokenCache(this.fetcher, this.clock);

	@Test
	void tokenWhenCachedReturnsItWithoutFetching() {
		AccessToken first = this.fetcher.answerNext(token("t1", Duration.ofMinutes(5), Duration.ofMinutes(4)), this.cache,
				this.identity);
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
		AccessToken first = this.fetcher.answerNext(token("t1", Duration.ofMinutes(5), Duration.ofMinutes(4)), this.cache,
				this.identity);
		this.clock.advance(Duration.ofMinutes(4).plusSeconds(1));
		assertThat(this.cache.token(this.identity).block()).isSameAs(first);
		assertThat(this.cache.token(this.identity).block()).isSameAs(first);
		assertThat(this.fetcher.calls()).isEqualTo(2);
		AccessToken second = token("t2", Duration.ofMinutes(5), Duration.ofMinutes(4));
		this.fetcher.complete(second);
		assertThat(this.cache.token(this.identity).block()).isSameAs(second);
	}

	@Test
	void tokenWhenBackgroundRefreshFailsKeepsCurrentUntilExpiry() {
		AccessToken first = this.fetcher.answerNext(token("t1", Duration.ofMinutes(5), Duration.ofMinutes(4)), this.cache,
				this.identity);
		this.clock.advance(Duration.ofMinutes(4).plusSeconds(1));
		assertThat(this.cache.token(this.identity).block()).isSameAs(first);
		this.fetcher.fail(new TokenEndpointUnavailableException(503));
		assertThat(this.cache.token(this.identity).block()).isSameAs(first);
		assertThat(this.fetcher.calls()).as("no new refresh right after a failure").isEqualTo(2);
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.cache.token(this.identity).block()).isSameAs(first);
		assertThat(this.fetcher.calls()).isEqualTo(3);
	}

	@Test
	void tokenWhenExpiredWaitsForFetch() {
		this.fetcher.answerNext(token("t1", Duration.ofMinutes(5), Duration.ofMinutes(4)), this.cache, this.identity);
		this.clock.advance(Duration.ofMinutes(6));
		Mono<AccessToken> waiting = this.cache.token(this.identity);
		AccessToken second = token("t2", Duration.ofMinutes(5), Duration.ofMinutes(4));
		this.fetcher.complete(second);
		assertThat(waiting.block(Duration.ofSeconds(1))).isSameAs(second);
	}

	@Test
	void tokenWhenIdentityChangedFetchesForNewCertificate() {
		this.fetcher.answerNext(token("t1", Duration.ofMinutes(5), Duration.ofMinutes(4)), this.cache, this.identity);
		ClientIdentity rotated = ClientIdentity.of(pki.chainFor(pki.issueLeaf("rotated", io.github.checkoutmtls.test.pki.KeyType.EC_P256)),
				pki.leaf().privateKey(), "test=rotated");
		Mono<AccessToken> waiting = this.cache.token(rotated);
		assertThat(this.fetcher.calls()).isEqualTo(2);
		assertThat(this.fetcher.lastIdentity()).isSameAs(rotated);
		AccessToken forRotated = new AccessToken("t2", rotated.thumbprint(), this.clock.instant().plusSeconds(300),
				this.clock.instant().plusSeconds(240));
		this.fetcher.complete(forRotated);
		assertThat(waiting.block(Duration.ofSeconds(1))).isSameAs(forRotated);
	}

	@Test
	void invalidateDropsOnlyTheRefusedToken() {
		AccessToken first = this.fetcher.answerNext(token("t1", Duration.ofMinutes(5), Duration.ofMinutes(4)), this.cache,
				this.identity);
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
		this.clock.advance(Duration.ofSeconds(2));
		this.cache.token(this.identity);
		assertThat(this.fetcher.calls()).isEqualTo(2);
	}

	@Test
	void tokenWhenFetcherCompletesEmptyFailsInsteadOfHanging() {
		TokenCache emptyCache = new TokenCache((identity) -> Mono.empty(), this.clock);
		assertThatIllegalStateException().isThrownBy(() -> emptyCache.token(this.identity).block(Duration.ofSeconds(1)))
			.withMessageContaining("without a token");
	}

	@Test
	void toStringNeverShowsTokenValue() {
		assertThat(token("secret-token-value", Duration.ofMinutes(5), Duration.ofMinutes(4)).toString())
			.doesNotContain("secret-token-value")
			.contains(this.identity.thumbprint());
	}

	private AccessToken token(String value, Duration lifetime, Duration refreshAfter) {
		Instant now = this.clock.instant();
		return new AccessToken(value, this.identity.thumbprint(), now.plus(lifetime), now.plus(refreshAfter));
	}

	/**
	 * A fetcher whose answers the test gives, one pending fetch at a time.
	 */
	static final class ControlledFetcher implements TokenFetcher {

		private final AtomicInteger calls = new AtomicInteger();

		private volatile Sinks.One<AccessToken> pending;

		private volatile ClientIdentity lastIdentity;

		@Override
		public Mono<AccessToken> fetch(ClientIdentity identity) {
			this.calls.incrementAndGet();
			this.lastIdentity = identity;
			this.pending = Sinks.one();
			return this.pending.asMono();
		}

		AccessToken answerNext(AccessToken token, TokenCache cache, ClientIdentity identity) {
			Mono<AccessToken> result = cache.token(identity);
			complete(token);
			return result.block(Duration.ofSeconds(1));
		}

		void complete(AccessToken token) {
			this.pending.tryEmitValue(token);
		}

		void fail(Throwable failure) {
			this.pending.tryEmitError(failure);
		}

		int calls() {
			return this.calls.get();
		}

		ClientIdentity lastIdentity() {
			return this.lastIdentity;
		}

	}

	static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

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
			return this.now;
		}

	}

}
