package io.github.checkoutmtls.reload;

import io.github.checkoutmtls.identity.ClientIdentity;

/**
 * Told about the outcome of every reload of the client identity, e.g. to drop tokens
 * bound to the old certificate or to count reloads. Define one as a bean to have it
 * registered. Called on the thread that reloads (the key-material watcher's, or the
 * caller of {@link IdentityReloader#reload()}), while it holds the reloader's lock:
 * reloads run one at a time and their events arrive in order, so a listener that blocks
 * delays the next reload. Implementations must be quick and must not block; hand slow
 * work to an executor of your own. What a listener throws is logged and changes neither
 * the reload nor what other listeners are told, except the JVM's own failures
 * ({@link VirtualMachineError}).
 */
public interface IdentityReloadListener {

	/**
	 * Called after a new identity was swapped in: requests started from now on present
	 * it.
	 * @param previous the identity that was replaced
	 * @param current the identity now presented
	 */
	default void identityReloaded(ClientIdentity previous, ClientIdentity current) {
	}

	/**
	 * Called when new key material was refused; the previous identity stays in use.
	 * @param current the identity still presented
	 * @param failure why the new material was refused
	 */
	default void reloadFailed(ClientIdentity current, RuntimeException failure) {
	}

}
