package io.github.checkoutmtls.token;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TokenCache#replaceRefused(AccessToken)}, on virtual time.
 */
class TokenCacheReplaceRefusedTests {

	private static final TestPki pki = TestPki.builder().build();

	private static final Duration WINDOW = TokenCache.REFUSED_TOKEN_WINDOW;

	private final ClientIdentity identity = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");

	private final VirtualTime time = new VirtualTime();

	private final ControlledFetcher fetcher = new ControlledFetcher();

	private final TokenCache cache = new TokenCache(this.fetcher, this.time.clock(), this.time::nanos,
			Duration.ofMinutes(1), VirtualTimeScheduler.create(), List.of());

	@Test
	void replaceRefusedWhenTokenIsYoungerThanTheWindowCompletesEmptyWithoutFetching() {
		AccessToken refused = cachedToken("t1");
		this.time.advance(WINDOW.minusMillis(1));
		StepVerifier.create(this.cache.replaceRefused(refused)).verifyComplete();
		assertThat(this.fetcher.calls()).isEqualTo(1);
		assertThat(this.cache.cached()).as("kept: the next 401 is not answered with a fetch either").isSameAs(refused);
	}

	@Test
	void replaceRefusedCountsAgeFromWhenTheFetchStartedNotWhenItCompleted() {
		Mono<AccessToken> waiting = this.cache.token(this.identity);
		this.time.advance(WINDOW);
		this.fetcher.complete(token("slow"));
		AccessToken refused = waiting.block(Duration.ofSeconds(1));
		Mono<AccessToken> fresh = this.cache.replaceRefused(refused);
		assertThat(this.fetcher.calls()).as("its request was sent a window ago: a refetch is worth it").isEqualTo(1);
		fresh.subscribe();
		assertThat(this.fetcher.calls()).isEqualTo(2);
	}

	@Test
	void replaceRefusedWhenTokenIsOlderFetchesOnceForAllRefusedCallers() {
		AccessToken refused = cachedToken("t1");
		this.time.advance(WINDOW);
		List<Mono<AccessToken>> replacements = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			Mono<AccessToken> replacement = this.cache.replaceRefused(refused).cache();
			replacement.subscribe();
			replacements.add(replacement);
		}
		assertThat(this.fetcher.calls()).isEqualTo(2);
		assertThat(this.cache.cached()).as("the refused token is dropped").isNull();
		AccessToken fresh = token("t2");
		this.fetcher.complete(fresh);
		assertThat(replacements).allSatisfy((mono) -> assertThat(mono.block(Duration.ofSeconds(1))).isSameAs(fresh));
		assertThat(this.cache.token(this.identity).block()).isSameAs(fresh);
	}

	@Test
	void replaceRefusedWhenNewerTokenIsCachedEmitsItWithoutFetching() {
		AccessToken refused = cachedToken("t1");
		this.time.advance(WINDOW);
		this.cache.replaceRefused(refused).subscribe();
		AccessToken newer = token("t2");
		this.fetcher.complete(newer);
		this.time.advance(Duration.ofSeconds(1));
		StepVerifier.create(this.cache.replaceRefused(refused)).expectNext(newer).verifyComplete();
		assertThat(this.fetcher.calls()).isEqualTo(2);
	}

	@Test
	void replaceRefusedWhenCertificateWasSwappedCompletesEmpty() {
		AccessToken refused = cachedToken("t1");
		this.time.advance(WINDOW);
		this.cache.clear();
		ClientIdentity rotated = ClientIdentity.of(pki.chainFor(pki.issueLeaf("rotated", KeyType.EC_P256)),
				pki.leaf().privateKey(), "test=rotated");
		this.cache.token(rotated);
		StepVerifier.create(this.cache.replaceRefused(refused)).verifyComplete();
		assertThat(this.fetcher.calls()).as("no fetch for the replaced certificate").isEqualTo(2);
	}

	@Test
	void replaceRefusedWhenReplacementFailedSignalsTheFailureDuringTheBackoff() {
		AccessToken refused = cachedToken("t1");
		this.time.advance(WINDOW);
		Mono<AccessToken> first = this.cache.replaceRefused(refused);
		first.subscribe(null, (ex) -> {
		});
		this.fetcher.fail(new TokenEndpointUnavailableException(503));
		StepVerifier.create(this.cache.replaceRefused(refused))
			.expectError(TokenEndpointUnavailableException.class)
			.verify(Duration.ofSeconds(1));
		assertThat(this.fetcher.calls()).isEqualTo(2);
	}

	@Test
	void persistentUnauthorizedCostsOneTokenRequestPerWindow() {
		AccessToken refused = cachedToken("t1");
		this.time.advance(WINDOW);
		for (int call = 0; call < 100; call++) {
			AccessToken used = this.cache.token(this.identity).block(Duration.ofSeconds(1));
			Mono<AccessToken> replacement = this.cache.replaceRefused(used);
			replacement.subscribe();
			if (this.fetcher.calls() == 2 && this.cache.cached() == null) {
				this.fetcher.complete(token("t2"));
			}
			this.time.advance(Duration.ofMillis(50));
		}
		assertThat(refused.value()).isEqualTo("t1");
		assertThat(this.fetcher.calls()).as("100 refused calls within 5 s after the first refetch").isEqualTo(2);
	}

	private AccessToken cachedToken(String value) {
		Mono<AccessToken> result = this.cache.token(this.identity);
		this.fetcher.complete(token(value));
		return result.block(Duration.ofSeconds(1));
	}

	private AccessToken token(String value) {
		return this.time.token(value, this.identity.thumbprint(), Duration.ofMinutes(5), Duration.ofMinutes(4));
	}

}
