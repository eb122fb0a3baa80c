package io.github.checkoutmtls.reload;

import java.time.Instant;

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
public record ReloadStatus(Instant lastAttempt, Instant lastSuccess, Outcome lastOutcome, long successes, long failures,
		String lastProblem) {

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
