package io.github.checkoutmtls.token;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.checkoutmtls.identity.ClientIdentity;

/**
 * Tells every {@link TokenFetchListener} about a fetch, each in isolation: a listener
 * that throws affects neither the other listeners nor the cache. Its first failure is
 * logged as a warning, later ones only at debug level, so a broken listener cannot flood
 * the log at token-fetch rate.
 */
final class TokenFetchListeners {

	private static final Log logger = LogFactory.getLog(TokenFetchListeners.class);

	private final List<TokenFetchListener> listeners;

	private final Set<TokenFetchListener> failed = ConcurrentHashMap.newKeySet();

	TokenFetchListeners(List<TokenFetchListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	void fetched(ClientIdentity identity, Duration duration) {
		notifyAll((listener) -> listener.tokenFetched(identity, duration));
	}

	void fetchFailed(ClientIdentity identity, Duration duration, Throwable failure) {
		notifyAll((listener) -> listener.tokenFetchFailed(identity, duration, failure));
	}

	private void notifyAll(Consumer<TokenFetchListener> event) {
		for (TokenFetchListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException | Error ex) {
				// A listener's bug (an assertion, a class it cannot load) is logged; the
				// JVM's own failures (out of memory, a stack overflow) are not a
				// listener's, and go on.
				if (ex instanceof VirtualMachineError fatal) {
					throw fatal;
				}
				logFailure(listener, ex);
			}
		}
	}

	private void logFailure(TokenFetchListener listener, Throwable ex) {
		String message = "TokenFetchListener " + listener.getClass().getName() + " failed; the token fetch and the"
				+ " requests waiting for it are not affected";
		if (this.failed.add(listener)) {
			logger.warn(message + " (further failures of this listener are logged at debug level)", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message, ex);
		}
	}

}
