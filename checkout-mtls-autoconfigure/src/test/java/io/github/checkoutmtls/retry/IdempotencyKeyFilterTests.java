package io.github.checkoutmtls.retry;

import java.net.URI;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;

import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IdempotencyKeyFilter}.
 */
class IdempotencyKeyFilterTests {

	private final AtomicReference<ClientRequest> sent = new AtomicReference<>();

	private final ExchangeFunction recording = (request) -> {
		this.sent.set(request);
		return Mono.just(ClientResponse.create(HttpStatus.OK).build());
	};

	@Test
	void postWithoutKeyGetsARandomUuidV4() {
		send(HttpMethod.POST, null);
		String key = this.sent.get().headers().getFirst("Cko-Idempotency-Key");
		assertThat(UUID.fromString(key).version()).isEqualTo(4);
	}

	@Test
	void postWithKeyKeepsIt() {
		send(HttpMethod.POST, "order-42");
		assertThat(this.sent.get().headers().get("Cko-Idempotency-Key")).containsExactly("order-42");
	}

	@Test
	void getGetsNoKey() {
		send(HttpMethod.GET, null);
		assertThat(this.sent.get().headers().containsHeader("Cko-Idempotency-Key")).isFalse();
	}

	@Test
	void patchGetsNoKey() {
		send(HttpMethod.PATCH, null);
		assertThat(this.sent.get().headers().containsHeader("Cko-Idempotency-Key")).isFalse();
	}

	private void send(HttpMethod method, String key) {
		ClientRequest.Builder request = ClientRequest.create(method, URI.create("https://localhost/payments"));
		if (key != null) {
			request.header("Cko-Idempotency-Key", key);
		}
		new IdempotencyKeyFilter().filter(request.build(), this.recording).block();
	}

}
