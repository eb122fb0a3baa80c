package io.github.checkoutmtls.retry;

import org.springframework.web.reactive.function.client.ClientResponse;

import reactor.core.publisher.Mono;

/**
 * What one attempt of a request came to: a response, or a failure and whether the request had started to
 * be written when it failed.
 *
 * @param response the response, or {@code null} after a failure
 * @param failure the failure, or {@code null} when there is a response
 * @param written whether the request had started to be written to a connection
 */
record Attempt(ClientResponse response, Throwable failure, boolean written) {

	static Attempt of(ClientResponse response) {
		return new Attempt(response, null, true);
	}

	static Attempt failed(Throwable failure, boolean written) {
		return new Attempt(null, failure, written);
	}

	/**
	 * Returns the attempt's outcome as the filter's result.
	 * @return the response, or the failure
	 */
	Mono<ClientResponse> result() {
		return (this.response != null) ? Mono.just(this.response) : Mono.error(this.failure);
	}

	/**
	 * Releases the response's body, so that its connection returns to the pool before a retry.
	 * @return completes when released
	 */
	Mono<Void> release() {
		return (this.response != null) ? this.response.releaseBody() : Mono.empty();
	}

	/**
	 * Describes the outcome for a log line: the status or the failure's type, never headers.
	 * @return the description
	 */
	String describe() {
		return (this.response != null) ? "HTTP " + this.response.statusCode().value()
				: this.failure.getClass().getSimpleName();
	}

}
