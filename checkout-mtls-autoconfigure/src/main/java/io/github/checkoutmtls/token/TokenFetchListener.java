package io.github.checkoutmtls.token;

import java.time.Duration;

import io.github.checkoutmtls.identity.ClientIdentity;

/**
 * Told about every token fetch the {@link TokenCache} makes, e.g. to count and time them.
 * Called on the thread that completed the fetch: implementations must be quick and must
 * not block. What a listener throws is logged and changes neither the fetch, the cached
 * token, nor what other listeners are told, except the JVM's own failures
 * ({@link VirtualMachineError}).
 */
public interface TokenFetchListener {

	/**
	 * Called when a token was fetched.
	 * @param identity the identity the token is bound to
	 * @param duration how long the fetch took, retries included
	 */
	default void tokenFetched(ClientIdentity identity, Duration duration) {
	}

	/**
	 * Called when a fetch failed.
	 * @param identity the identity the token was fetched for
	 * @param duration how long the fetch took, retries included
	 * @param failure why it failed
	 */
	default void tokenFetchFailed(ClientIdentity identity, Duration duration, Throwable failure) {
	}

}
