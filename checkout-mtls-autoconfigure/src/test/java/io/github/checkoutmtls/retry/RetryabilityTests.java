package io.github.checkoutmtls.retry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Retryability}.
 */
class RetryabilityTests {

	private static final URI URL = URI.create("https://localhost/payments");

	@Test
	void gatewayStatusesAndRateLimitAreRetriedForGet() {
		for (int status : new int[] { 429, 502, 503, 504 }) {
			assertThat(Retryability.isRetryable(request(HttpMethod.GET, false), response(status))).isTrue();
		}
	}

	@Test
	void otherStatusesAreNotRetried() {
		for (int status : new int[] { 200, 400, 401, 404, 409, 500 }) {
			assertThat(Retryability.isRetryable(request(HttpMethod.GET, false), response(status))).isFalse();
		}
	}

	@Test
	void postIsRetriedOnlyWithAnIdempotencyKey() {
		assertThat(Retryability.isRetryable(request(HttpMethod.POST, false), response(503))).isFalse();
		assertThat(Retryability.isRetryable(request(HttpMethod.POST, true), response(503))).isTrue();
		assertThat(Retryability.isRetryable(request(HttpMethod.PATCH, false), reset(true))).isFalse();
		assertThat(Retryability.isRetryable(request(HttpMethod.PATCH, true), reset(true))).isTrue();
	}

	@Test
	void resetBeforeTheRequestWasWrittenIsRetriedForPostWithoutKey() {
		assertThat(Retryability.isRetryable(request(HttpMethod.POST, false), reset(false))).isTrue();
	}

	@Test
	void resetAfterTheRequestWasWrittenIsRetriedForIdempotentMethods() {
		for (HttpMethod method : new HttpMethod[] { HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT, HttpMethod.DELETE,
				HttpMethod.OPTIONS }) {
			assertThat(Retryability.isRetryable(request(method, false), reset(true))).isTrue();
		}
	}

	@Test
	void connectFailureIsRetriedForPostWithoutKey() {
		assertThat(Retryability.isRetryable(request(HttpMethod.POST, false),
				failure(new ConnectException("Connection refused"), false)))
			.isTrue();
	}

	@Test
	void handshakeFailureIsNotRetried() {
		assertThat(Retryability.isRetryable(request(HttpMethod.GET, false),
				failure(new SSLHandshakeException("Received fatal alert: bad_certificate"), true)))
			.isFalse();
	}

	@Test
	void unknownHostIsNotRetried() {
		assertThat(Retryability.isRetryable(request(HttpMethod.GET, false),
				failure(new UnknownHostException("mtls.api.example.invalid"), false)))
			.isFalse();
	}

	@Test
	void failureOutsideTheRequestIsNotRetried() {
		assertThat(Retryability.isRetryable(request(HttpMethod.GET, false),
				Attempt.failed(new IllegalStateException("boom"), false)))
			.isFalse();
	}

	private static ClientRequest request(HttpMethod method, boolean key) {
		ClientRequest.Builder builder = ClientRequest.create(method, URL);
		if (key) {
			builder.header(Retryability.IDEMPOTENCY_KEY, "k-1");
		}
		return builder.build();
	}

	private static Attempt response(int status) {
		return Attempt.of(ClientResponse.create(HttpStatus.valueOf(status)).build());
	}

	private static Attempt reset(boolean written) {
		return failure(new IOException("Connection reset by peer"), written);
	}

	private static Attempt failure(Throwable cause, boolean written) {
		return Attempt.failed(new WebClientRequestException(cause, HttpMethod.GET, URL, HttpHeaders.EMPTY), written);
	}

}
