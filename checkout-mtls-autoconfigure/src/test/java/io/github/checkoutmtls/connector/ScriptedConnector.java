package io.github.checkoutmtls.connector;

import java.net.URI;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

import org.reactivestreams.Subscription;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * A connector for the subscriber tests of the connector and the pipeline: gives every
 * request a {@link Connection} of its own, never writing anything, whose outcome the test
 * gives when it says.
 */
public final class ScriptedConnector extends ReactorClientHttpConnector {

	private final Queue<Connection> connections = new ConcurrentLinkedQueue<>();

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		Connection connection = new Connection();
		this.connections.add(connection);
		return connection;
	}

	/**
	 * Takes the oldest connection asked for.
	 * @return the connection
	 */
	public Connection remove() {
		return this.connections.remove();
	}

	/**
	 * Takes the oldest connection asked for, if any.
	 * @return the connection, or {@code null}
	 */
	public Connection poll() {
		return this.connections.poll();
	}

	/**
	 * One connection's outcome, given when the test says, even after a cancel (as a
	 * connection may, racing with it); a cancel is recorded whenever it comes, as
	 * Spring's connector releases a response it gave when cancelled after it.
	 */
	public static final class Connection extends Mono<ClientHttpResponse> implements Subscription {

		private volatile CoreSubscriber<? super ClientHttpResponse> subscriber;

		private volatile boolean cancelled;

		@Override
		public void subscribe(CoreSubscriber<? super ClientHttpResponse> actual) {
			this.subscriber = actual;
			actual.onSubscribe(this);
		}

		@Override
		public void request(long n) {
		}

		@Override
		public void cancel() {
			this.cancelled = true;
		}

		/**
		 * Whether the connection was cancelled.
		 * @return whether it was
		 */
		public boolean isCancelled() {
			return this.cancelled;
		}

		/**
		 * Gives the response, then completes.
		 * @param response the response
		 */
		public void respond(ClientHttpResponse response) {
			this.subscriber.onNext(response);
			this.subscriber.onComplete();
		}

		/**
		 * Fails the connection.
		 * @param failure the failure
		 */
		public void fail(Throwable failure) {
			this.subscriber.onError(failure);
		}

		/**
		 * Returns the Reactor context the connection was subscribed with.
		 * @return the context
		 */
		public Context context() {
			return Context.of(this.subscriber.currentContext());
		}

	}

}
