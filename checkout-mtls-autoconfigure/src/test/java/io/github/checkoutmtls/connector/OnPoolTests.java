package io.github.checkoutmtls.connector;

import java.net.URI;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.mock.http.client.reactive.MockClientHttpResponse;

import io.github.checkoutmtls.connector.ScriptedConnector.Connection;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.pki.TestPki;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.util.RaceTestUtils;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OnPool}'s start-over on the new pool after a swap, on pools whose
 * connections the test drives by hand: the caller's cancel and context reach the new
 * pool's connection.
 */
class OnPoolTests {

	private static final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	private static final ClientIdentity IDENTITY = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");

	private static final URI WORKFLOWS = URI.create("https://api.checkout.test/workflows");

	private final ScriptedConnector connections = new ScriptedConnector();

	private final CheckoutMtlsConnector connector = new CheckoutMtlsConnector(IDENTITY,
			(presented) -> new PooledConnector(presented, this.connections, ConnectionProvider.newConnection()));

	@AfterEach
	void destroy() {
		this.connector.destroy();
	}

	@Test
	void startOverOnTheNewPoolCarriesTheCallersContextAndGivesItsResponse() {
		ClientHttpResponse[] received = new ClientHttpResponse[1];
		this.connector.connect(HttpMethod.GET, WORKFLOWS, OnPoolTests::nothing)
			.contextWrite(Context.of("trace", "t-1"))
			.subscribe((response) -> received[0] = response);
		Connection onOld = this.connections.remove();
		this.connector.swap(IDENTITY);
		onOld.fail(new PoolShutdownException());
		Connection onNew = this.connections.remove();
		assertThat(onNew.context().getOrDefault("trace", "none")).isEqualTo("t-1");
		ClientHttpResponse ok = new MockClientHttpResponse(HttpStatus.OK);
		onNew.respond(ok);
		assertThat(received[0]).isSameAs(ok);
	}

	@Test
	void cancelRacingWithTheStartOverReachesTheNewPoolsConnection() {
		for (int i = 0; i < 300; i++) {
			Disposable caller = this.connector.connect(HttpMethod.GET, WORKFLOWS, OnPoolTests::nothing).subscribe();
			Connection onOld = this.connections.remove();
			this.connector.swap(IDENTITY);
			RaceTestUtils.race(() -> onOld.fail(new PoolShutdownException()), caller::dispose);
			Connection onNew = this.connections.poll();
			assertThat(onNew).as("started over, round %d", i).isNotNull();
			assertThat(onNew.isCancelled()).as("new connection cancelled, round %d", i).isTrue();
		}
	}

	private static Mono<Void> nothing(ClientHttpRequest request) {
		return Mono.empty();
	}

	/**
	 * What Reactor Netty's shaded pool throws once disposed, matched by its simple name.
	 */
	private static final class PoolShutdownException extends RuntimeException {

		PoolShutdownException() {
			super("Pool has been shut down");
		}

	}

}
