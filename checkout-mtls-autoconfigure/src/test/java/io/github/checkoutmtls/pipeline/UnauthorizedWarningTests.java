package io.github.checkoutmtls.pipeline;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;

import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UnauthorizedWarning}: one WARN per interval, on a ticker, never the
 * wall clock.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnauthorizedWarningTests {

	private static final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	private final ClientIdentity identity = ClientIdentity.of(pki.chainFor(pki.leaf()), pki.leaf().privateKey(),
			"test");

	private final AtomicLong ticker = new AtomicLong(1_000);

	private final UnauthorizedWarning warning = new UnauthorizedWarning(Duration.ofSeconds(60), this.ticker::get);

	@Test
	void firstUnauthorizedIsExplainedNamingTheLeafsCommonName(CapturedOutput output) {
		assertThat(this.warning.warn(HttpMethod.GET, "/payments/pay_1", this.identity, false)).isTrue();
		assertThat(output).contains("401 Unauthorized to GET /payments/pay_1")
			.contains("'merchant.internal'")
			.contains("checkout.mtls.expected-common-name")
			.doesNotContain("freshly fetched token");
	}

	@Test
	void refusedFreshTokenPointsAtTheScopes(CapturedOutput output) {
		assertThat(this.warning.warn(HttpMethod.POST, "/payments", this.identity, true)).isTrue();
		assertThat(output).contains("refused a freshly fetched token too").contains("checkout.mtls.jwt.scopes");
	}

	@Test
	void furtherUnauthorizedsWithinTheIntervalAreNotLogged() {
		assertThat(this.warning.warn(HttpMethod.GET, "/a", this.identity, false)).isTrue();
		this.ticker.addAndGet(Duration.ofSeconds(59).toNanos());
		assertThat(this.warning.warn(HttpMethod.GET, "/b", this.identity, false)).isFalse();
		this.ticker.addAndGet(Duration.ofSeconds(1).toNanos());
		assertThat(this.warning.warn(HttpMethod.GET, "/c", this.identity, false)).isTrue();
		assertThat(this.warning.warn(HttpMethod.GET, "/d", this.identity, false)).isFalse();
	}

	@Test
	void tickerWrappingPastLongMaxKeepsCounting() {
		AtomicLong near = new AtomicLong(Long.MAX_VALUE - 10);
		UnauthorizedWarning wrapping = new UnauthorizedWarning(Duration.ofNanos(100), near::get);
		assertThat(wrapping.warn(HttpMethod.GET, "/a", this.identity, false)).isTrue();
		near.addAndGet(50);
		assertThat(wrapping.warn(HttpMethod.GET, "/b", this.identity, false)).isFalse();
		near.addAndGet(60);
		assertThat(wrapping.warn(HttpMethod.GET, "/c", this.identity, false)).isTrue();
	}

}
