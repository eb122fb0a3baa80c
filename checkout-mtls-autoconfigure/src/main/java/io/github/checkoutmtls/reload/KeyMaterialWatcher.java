package io.github.checkoutmtls.reload;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.ResourceLoader;

/**
 * Compares the content of the key material files with what was last seen, on a fixed
 * interval and on one daemon thread, and asks the {@link IdentityReloader} to reload when
 * it changed. Content that failed its checks is tried again at every interval until it
 * passes or changes, so a certificate that is not yet valid swaps in once it is; the
 * reloader reports the same failure only once.
 */
final class KeyMaterialWatcher implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(KeyMaterialWatcher.class);

	private final ResourceLoader resourceLoader;

	private final List<String> locations;

	private final Duration interval;

	private final IdentityReloader reloader;

	private volatile String lastDigest;

	private volatile boolean retryPending;

	private ScheduledExecutorService executor;

	/**
	 * Creates a watcher and reads the current content, the baseline for changes. The
	 * first check reloads even when it is unchanged: the files may have changed between
	 * the connector's read of them and this one, and a reload of what is presented
	 * already changes nothing.
	 * @param resourceLoader the loader for prefixed locations
	 * @param locations the locations of the key material files
	 * @param interval how often to compare the content
	 * @param reloader reloads the identity when the content changed
	 */
	KeyMaterialWatcher(ResourceLoader resourceLoader, List<String> locations, Duration interval,
			IdentityReloader reloader) {
		this.resourceLoader = resourceLoader;
		this.locations = List.copyOf(locations);
		this.interval = interval;
		this.reloader = reloader;
		this.lastDigest = ContentDigest.of(resourceLoader, this.locations);
		this.retryPending = true;
	}

	/**
	 * Compares the content now and reloads when it changed since the last comparison, or
	 * when the content last tried failed its checks.
	 * @return whether the content changed
	 */
	public boolean check() {
		String digest = ContentDigest.of(this.resourceLoader, this.locations);
		boolean changed = !digest.equals(this.lastDigest);
		if (!changed && !this.retryPending) {
			return false;
		}
		this.lastDigest = digest;
		if (changed) {
			logger.debug("Checkout mTLS key material changed in " + this.locations);
		}
		this.retryPending = this.reloader.attempt(!changed) == IdentityReloader.Attempt.FAILED;
		return changed;
	}

	@Override
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "checkout-mtls-reload");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.interval.toMillis();
		this.executor.scheduleWithFixedDelay(this::checkSafely, millis, millis, TimeUnit.MILLISECONDS);
	}

	// An exception or error escaping a scheduled task would cancel every later check.
	private void checkSafely() {
		try {
			check();
		}
		catch (RuntimeException | Error ex) {
			logger.error("Checking the Checkout mTLS key material for changes failed",
					IdentityReloader.rethrowIfFatal(ex));
		}
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
