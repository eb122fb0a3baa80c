package io.github.checkoutmtls.token;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A fetcher whose answers the test gives: each call is pending until the test completes
 * or fails it.
 */
final class ControlledFetcher implements TokenFetcher {

	private final List<Sinks.One<AccessToken>> pending = new CopyOnWriteArrayList<>();

	private final List<ClientIdentity> identities = new CopyOnWriteArrayList<>();

	@Override
	public Mono<AccessToken> fetch(ClientIdentity identity) {
		Sinks.One<AccessToken> answer = Sinks.one();
		this.identities.add(identity);
		this.pending.add(answer);
		return answer.asMono();
	}

	/**
	 * Completes the latest call.
	 */
	void complete(AccessToken token) {
		complete(this.pending.size() - 1, token);
	}

	/**
	 * Completes the given call, counted from 0.
	 */
	void complete(int call, AccessToken token) {
		this.pending.get(call).tryEmitValue(token);
	}

	void fail(Throwable failure) {
		this.pending.get(this.pending.size() - 1).tryEmitError(failure);
	}

	int calls() {
		return this.pending.size();
	}

	ClientIdentity lastIdentity() {
		return this.identities.get(this.identities.size() - 1);
	}

}
