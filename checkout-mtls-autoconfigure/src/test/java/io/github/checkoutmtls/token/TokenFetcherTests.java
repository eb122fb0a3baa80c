package io.github.checkoutmtls.token;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TokenFetcher}'s {@link AccessToken}.
 */
class TokenFetcherTests {

	private static final TestPki pki = TestPki.builder().build();

	@Test
	void accessTokenIsForTheIdentityWhoseLeafItIsBoundToOnly() {
		ClientIdentity identity = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");
		ClientIdentity rotated = ClientIdentity.of(pki.chainFor(pki.issueLeaf("rotated", KeyType.EC_P256)),
				pki.leaf().privateKey(), "test=rotated");
		AccessToken token = new AccessToken("t1", identity.thumbprint(), Instant.EPOCH, Instant.EPOCH);
		assertThat(token.isFor(identity)).isTrue();
		assertThat(token.isFor(rotated)).isFalse();
	}

}
