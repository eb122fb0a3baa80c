package io.github.checkoutmtls.token;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WaiterFailures}.
 */
class WaiterFailuresTests {

	private static final TestPki pki = TestPki.builder().build();

	private final ClientIdentity identity = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");

	@Test
	void freshForRequestFailureKeepsItsCauseMethodUriAndHeaders() {
		IOException reset = new IOException("Connection reset by peer");
		HttpHeaders headers = new HttpHeaders();
		headers.add("Cko-Idempotency-Key", "key-1");
		URI uri = URI.create("https://access.sandbox.checkout.com/connect/token");
		WebClientRequestException shared = new WebClientRequestException(reset, HttpMethod.POST, uri, headers);
		Throwable fresh = WaiterFailures.freshFor(shared, this.identity, Instant.EPOCH);
		assertThat(fresh).isInstanceOf(WebClientRequestException.class).isNotSameAs(shared).hasCause(reset);
		WebClientRequestException request = (WebClientRequestException) fresh;
		assertThat(request.getMethod()).isEqualTo(HttpMethod.POST);
		assertThat(request.getUri()).isEqualTo(uri);
		assertThat(request.getHeaders().getFirst("Cko-Idempotency-Key")).isEqualTo("key-1");
	}

	@Test
	void freshForUnknownFailureWrapsIt() {
		IllegalArgumentException shared = new IllegalArgumentException("broken fetcher");
		assertThat(WaiterFailures.freshFor(shared, this.identity, Instant.EPOCH))
			.isInstanceOf(IllegalStateException.class)
			.hasCause(shared)
			.hasMessageContaining("broken fetcher");
	}

}
