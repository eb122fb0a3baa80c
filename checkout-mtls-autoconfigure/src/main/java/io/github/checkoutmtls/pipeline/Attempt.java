package io.github.checkoutmtls.pipeline;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;

import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;

import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * One attempt of an {@link Exchange}, as the single subscriber of the connector's
 * response: a final response goes straight to the caller, anything else (a status to act
 * on, a failure) to the exchange's decision, whose result the caller then gets. One
 * object per attempt in place of a chain of operators, since almost every request ends in
 * its first attempt's final response. It is also the attempt's write callback, the
 * listener of its recording request, and its {@link Wire}.
 */
final class Attempt extends Wire implements CoreSubscriber<ClientHttpResponse>, Subscription,
		Function<ClientHttpRequest, Mono<Void>>, RecordingRequest.Listener {

	private final Exchange exchange;

	private final ClientIdentity identity;

	private final @Nullable AccessToken token;

	private final CoreSubscriber<? super ClientHttpResponse> actual;

	// The connector's subscription, then the decision's.
	private volatile @Nullable Subscription upstream;

	// The connector's subscription, for good: a cancel reaches it even once the decision
	// took over, since the connector lets go of a response it gave when cancelled after
	// it (as the operator chain did). Written before the first write of upstream and read
	// after a read of it, so seen by any thread that sees upstream.
	private @Nullable Subscription connection;

	private volatile boolean requested;

	private volatile boolean cancelled;

	// Set once the connector signalled: what it signals later is ignored.
	private boolean done;

	Attempt(Exchange exchange, ClientIdentity identity, @Nullable AccessToken token,
			CoreSubscriber<? super ClientHttpResponse> actual) {
		this.exchange = exchange;
		this.identity = identity;
		this.token = token;
		this.actual = actual;
	}

	/**
	 * Writes the request on the connection the connector acquired.
	 * @param request the connection's request
	 * @return completes when written
	 */
	@Override
	public Mono<Void> apply(ClientHttpRequest request) {
		return this.exchange.write(request, this, this.token, this);
	}

	@Override
	public void beforeWrite(ClientHttpRequest first) {
		this.exchange.completeHeaders(first.getHeaders(), this.token);
	}

	@Override
	public void recorded(RecordedRequest recording) {
		this.exchange.recorded(recording);
	}

	@Override
	public void bodyFailed(Throwable failure, boolean started) {
		callersBodyFailed(failure, started);
	}

	@Override
	public Context currentContext() {
		return this.actual.currentContext();
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		if (Operators.validate(this.upstream, subscription)) {
			this.connection = subscription;
			this.upstream = subscription;
			this.actual.onSubscribe(this);
		}
	}

	@Override
	public void onNext(ClientHttpResponse response) {
		if (this.done) {
			Operators.onNextDropped(response, currentContext());
			return;
		}
		this.done = true;
		if (this.cancelled) {
			// Nobody will read it, and the connector may have been cancelled before it
			// had it to let go of.
			Exchange.release(response).subscribe();
			return;
		}
		Mono<ClientHttpResponse> decision;
		try {
			decision = this.exchange.isFinal(response) ? null
					: this.exchange.onResponse(response, this.identity, this.token);
		}
		catch (RuntimeException ex) {
			// As an operator whose function failed: the connector is cancelled, and lets
			// go of the response.
			this.connection.cancel();
			decision = Mono.error(ex);
		}
		if (decision == null) {
			// Outside the try: what the caller throws is its own, not a failure of the
			// exchange to signal to it (after its onNext, or even its onComplete).
			this.actual.onNext(response);
			this.actual.onComplete();
			return;
		}
		decision.subscribe(new Decision());
	}

	@Override
	public void onError(Throwable failure) {
		if (this.done) {
			Operators.onErrorDropped(failure, currentContext());
			return;
		}
		this.done = true;
		Mono<ClientHttpResponse> decision;
		try {
			decision = this.exchange.onFailure(failure, this, this.identity);
		}
		catch (RuntimeException ex) {
			decision = Mono.error(ex);
		}
		decision.subscribe(new Decision());
	}

	@Override
	public void onComplete() {
		if (!this.done) {
			this.done = true;
			this.actual.onComplete();
		}
	}

	@Override
	public void request(long n) {
		if (Operators.validate(n)) {
			this.requested = true;
			Subscription current = this.upstream;
			if (current != null) {
				current.request(n);
			}
		}
	}

	@Override
	public void cancel() {
		this.cancelled = true;
		Subscription current = this.upstream;
		if (current != null) {
			current.cancel();
			Subscription connection = this.connection;
			if (connection != current) {
				connection.cancel();
			}
		}
	}

	/**
	 * Takes the subscription of the decision: from then on, the caller's request and
	 * cancel go to it. Each side writes its own flag before it reads the other's, so a
	 * request or cancel racing with the switch reaches the decision at least once (twice
	 * is harmless: it emits at most one response).
	 * @param subscription the decision's subscription
	 */
	private void switchTo(Subscription subscription) {
		this.upstream = subscription;
		if (this.cancelled) {
			subscription.cancel();
		}
		else if (this.requested) {
			subscription.request(Long.MAX_VALUE);
		}
	}

	/**
	 * Subscribes to what the exchange decided and passes its outcome on to the caller.
	 */
	private final class Decision implements CoreSubscriber<ClientHttpResponse> {

		@Override
		public Context currentContext() {
			return Attempt.this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			switchTo(subscription);
		}

		@Override
		public void onNext(ClientHttpResponse response) {
			Attempt.this.actual.onNext(response);
		}

		@Override
		public void onError(Throwable failure) {
			Attempt.this.actual.onError(Attempt.this.exchange.outcome(failure));
		}

		@Override
		public void onComplete() {
			Attempt.this.actual.onComplete();
		}

	}

}
