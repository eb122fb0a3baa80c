package io.github.checkoutmtls.token;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TokenCache} with callers on real threads.
 */
class TokenCacheConcurrencyTests {

	private static final TestPki pki = TestPki.builder().build();

	private static final int THREADS = 8;

	private final ClientIdentity identity = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");

	private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

	private final VirtualTime time = new VirtualTime();

	@AfterEach
	void stopPool() {
		this.pool.shutdownNow();
	}

	@Test
	void coldCacheRacedByThreadsMakesExactlyOneFetch() throws Exception {
		for (int round = 0; round < 20; round++) {
			CountingFetcher fetcher = new CountingFetcher();
			TokenCache cache = new TokenCache(fetcher, this.time.clock(), this.time::nanos, Duration.ofSeconds(10),
					Schedulers.parallel(), List.of());
			List<AccessToken> tokens = race(cache);
			assertThat(fetcher.calls.get()).as("round %d", round).isEqualTo(1);
			assertThat(tokens).hasSize(THREADS).allSatisfy((token) -> assertThat(token).isSameAs(tokens.get(0)));
		}
	}

	// The ticker is read between the check for a fetch in flight and its installation:
	// holding the first two callers there makes both see an empty cache, so only the
	// compare-and-set keeps the second from fetching.
	@Test
	void callersThatBothSawNoFetchInFlightStillShareOne() throws Exception {
		CyclicBarrier bothSawNone = new CyclicBarrier(2);
		AtomicInteger reads = new AtomicInteger();
		AtomicLong nanos = new AtomicLong();
		CountingFetcher fetcher = new CountingFetcher();
		TokenCache cache = new TokenCache(fetcher, this.time.clock(), () -> {
			if (reads.incrementAndGet() <= 2) {
				awaitQuietly(bothSawNone);
			}
			return nanos.get();
		}, Duration.ofSeconds(10), Schedulers.parallel(), List.of());
		List<AccessToken> tokens = race(cache);
		assertThat(fetcher.calls.get()).isEqualTo(1);
		assertThat(tokens).hasSize(THREADS).allSatisfy((token) -> assertThat(token).isSameAs(tokens.get(0)));
	}

	private List<AccessToken> race(TokenCache cache) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<AccessToken>> results = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			results.add(this.pool.submit(() -> {
				start.await();
				return cache.token(this.identity).block(Duration.ofSeconds(5));
			}));
		}
		start.countDown();
		List<AccessToken> tokens = new ArrayList<>();
		for (Future<AccessToken> result : results) {
			tokens.add(result.get(10, TimeUnit.SECONDS));
		}
		return tokens;
	}

	private static void awaitQuietly(CyclicBarrier barrier) {
		try {
			barrier.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (BrokenBarrierException | TimeoutException ex) {
			throw new IllegalStateException("the second caller never reached the fetch", ex);
		}
	}

	/**
	 * Answers after a short delay on another thread, so callers arriving meanwhile find
	 * the fetch in flight.
	 */
	private final class CountingFetcher implements TokenFetcher {

		private final AtomicInteger calls = new AtomicInteger();

		@Override
		public Mono<AccessToken> fetch(ClientIdentity identity) {
			int call = this.calls.incrementAndGet();
			return Mono.delay(Duration.ofMillis(20))
				.map((tick) -> TokenCacheConcurrencyTests.this.time.token("t" + call, identity.thumbprint(),
						Duration.ofMinutes(5), Duration.ofMinutes(4)));
		}

	}

}
