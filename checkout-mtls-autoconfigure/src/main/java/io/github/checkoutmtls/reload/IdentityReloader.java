package io.github.checkoutmtls.reload;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;
import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.identity.CertificateChecks;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.identity.ClientIdentityLoader;

/**
 * Reloads the client identity: loads the key material again, runs every startup check on
 * it and, when it passes, swaps it into the connector. Material that fails keeps the
 * previous identity in use, is logged as an ERROR naming the problem, and is counted as a
 * failed reload; retried unchanged (e.g. a certificate not yet valid), the same failure
 * is not reported again.
 */
public final class IdentityReloader {

	private static final Log logger = LogFactory.getLog(IdentityReloader.class);

	private final ClientIdentityLoader loader;

	private final CertificateChecks checks;

	private final CheckoutMtlsConnector connector;

	private final List<IdentityReloadListener> listeners;

	private final Clock clock;

	private final AtomicReference<ReloadStatus> status = new AtomicReference<>(ReloadStatus.none());

	private String lastProblem;

	/**
	 * Creates a reloader.
	 * @param loader loads the key material
	 * @param checks the checks new material must pass
	 * @param connector the connector to swap the new identity into
	 * @param listeners told about every reload, in order
	 * @param clock the clock for the reload times
	 */
	public IdentityReloader(ClientIdentityLoader loader, CertificateChecks checks, CheckoutMtlsConnector connector,
			List<IdentityReloadListener> listeners, Clock clock) {
		this.loader = loader;
		this.checks = checks;
		this.connector = connector;
		this.listeners = List.copyOf(listeners);
		this.clock = clock;
	}

	/**
	 * Loads and checks the key material and swaps it in when it passes and differs from
	 * the current one. Reloads run one at a time, each with its listeners: a call made
	 * while another reload runs waits for it, so a loader or a listener that blocks
	 * delays it too.
	 * @return whether a new identity is now presented
	 */
	public boolean reload() {
		return attempt(false) == Attempt.SWAPPED;
	}

	/**
	 * Loads, checks and swaps like {@link #reload()}. A retry of material that failed
	 * before, and fails again for the same reason, is logged at debug level and not
	 * counted or reported again, so retrying every check interval does not repeat the
	 * same error.
	 * @param retry whether the material is unchanged since an attempt that failed
	 * @return what became of the attempt
	 */
	synchronized Attempt attempt(boolean retry) {
		ClientIdentity current = this.connector.identity();
		ClientIdentity loaded;
		try {
			// Loading proves the key matches the chain. The chain in use passed every
			// check already: not checked (and its warnings not logged) again.
			ClientIdentity read = this.loader.load();
			if (read.chain().equals(current.chain())) {
				logger.debug("Checkout mTLS key material read again holds the certificate chain already in use");
				this.lastProblem = null;
				return Attempt.UNCHANGED;
			}
			loaded = this.checks.enforce(read);
			this.connector.swap(loaded);
		}
		catch (RuntimeException | Error ex) {
			// An Error too (a TLS provider's native library that cannot load while the
			// new pool is built): the previous identity stays, and later checks still
			// run.
			failed(current, asRuntime(rethrowIfFatal(ex)), retry);
			return Attempt.FAILED;
		}
		this.lastProblem = null;
		this.status.updateAndGet((previous) -> previous.succeeded(this.clock.instant()));
		logger.info("Checkout mTLS client certificate reloaded: now presenting " + describe(loaded) + " (was serial="
				+ current.serialNumber() + ")");
		notify((listener) -> listener.identityReloaded(current, loaded));
		return Attempt.SWAPPED;
	}

	/**
	 * Returns what happened to the reloads so far.
	 * @return the reload status
	 */
	public ReloadStatus status() {
		return this.status.get();
	}

	private void failed(ClientIdentity current, RuntimeException ex, boolean retry) {
		String problem = problem(ex);
		if (retry && problem.equals(this.lastProblem)) {
			logger.debug("Checkout mTLS key material still fails its checks: " + problem);
			return;
		}
		this.lastProblem = problem;
		this.status.updateAndGet((previous) -> previous.failed(this.clock.instant(), problem(ex)));
		String message = "Reloading the Checkout mTLS client certificate failed; still presenting " + describe(current)
				+ ". ";
		if (ex instanceof CheckoutMtlsConfigurationException configuration) {
			logger.error(message + configuration.getMessage() + ". Action: " + configuration.getAction());
		}
		else {
			logger.error(message + problem(ex), ex);
		}
		notify((listener) -> listener.reloadFailed(current, ex));
	}

	private void notify(Consumer<IdentityReloadListener> event) {
		for (IdentityReloadListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException | Error ex) {
				logger.warn("Checkout mTLS reload listener " + listener + " failed", rethrowIfFatal(ex));
			}
		}
	}

	// The JVM's own failures (out of memory, a stack overflow) are not a reload's to
	// handle.
	static Throwable rethrowIfFatal(Throwable ex) {
		if (ex instanceof VirtualMachineError fatal) {
			throw fatal;
		}
		return ex;
	}

	private static RuntimeException asRuntime(Throwable ex) {
		return (ex instanceof RuntimeException runtime) ? runtime
				: new IllegalStateException("Loading or swapping in the new key material failed: " + ex, ex);
	}

	// Messages of the identity package name properties and values, never a secret.
	private static String problem(RuntimeException ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName();
	}

	private static String describe(ClientIdentity identity) {
		return "CN='" + identity.commonName() + "', serial=" + identity.serialNumber() + ", not-after="
				+ identity.notAfter() + ", x5t#S256=" + identity.thumbprint();
	}

	/**
	 * What became of one reload attempt.
	 */
	enum Attempt {

		/**
		 * The new identity is presented.
		 */
		SWAPPED,

		/**
		 * The material holds the chain already presented.
		 */
		UNCHANGED,

		/**
		 * The material failed to load or failed its checks; the previous identity stays.
		 */
		FAILED

	}

	/**
	 * What happened to the reloads of the client identity so far, for health reports.
	 *
	 * @param lastAttempt when the latest reload was attempted, or {@code null} before the
	 * first
	 * @param lastSuccess when an identity was last swapped in, or {@code null} before the
	 * first
	 * @param lastOutcome the latest reload's outcome
	 * @param successes how many reloads swapped in a new identity
	 * @param failures how many reloads failed and kept the previous identity
	 * @param lastProblem why the latest failed reload failed, or {@code null}
	 */
	public record ReloadStatus(Instant lastAttempt, Instant lastSuccess, Outcome lastOutcome, long successes,
			long failures, String lastProblem) {

		/**
		 * Returns the status before any reload.
		 * @return the initial status
		 */
		public static ReloadStatus none() {
			return new ReloadStatus(null, null, Outcome.NONE, 0, 0, null);
		}

		ReloadStatus succeeded(Instant at) {
			return new ReloadStatus(at, at, Outcome.SUCCESS, this.successes + 1, this.failures, this.lastProblem);
		}

		ReloadStatus failed(Instant at, String problem) {
			return new ReloadStatus(at, this.lastSuccess, Outcome.FAILURE, this.successes, this.failures + 1, problem);
		}

		/**
		 * The outcome of a reload.
		 */
		public enum Outcome {

			/**
			 * No reload happened yet.
			 */
			NONE,

			/**
			 * The new identity passed every check and is in use.
			 */
			SUCCESS,

			/**
			 * The new material was refused; the previous identity stays in use.
			 */
			FAILURE

		}

	}

}
