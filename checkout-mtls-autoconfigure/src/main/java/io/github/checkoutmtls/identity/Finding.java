package io.github.checkoutmtls.identity;

import org.jspecify.annotations.Nullable;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * The outcome of one check of a client identity. Startup throws the failures, a reload
 * keeps the old identity when there is one, and a report prints them all.
 *
 * @param check the check's name, e.g. {@code chain-complete}
 * @param status whether the check passed
 * @param summary what was found, in one sentence
 * @param failure the exception to throw when the check failed, else {@code null}
 */
public record Finding(String check, Status status, String summary,
		@Nullable CheckoutMtlsConfigurationException failure) {

	static Finding pass(String check, String summary) {
		return new Finding(check, Status.PASS, summary, null);
	}

	static Finding warn(String check, String summary) {
		return new Finding(check, Status.WARN, summary, null);
	}

	static Finding fail(String check, CheckoutMtlsConfigurationException failure) {
		return new Finding(check, Status.FAIL, failure.getProblem(), failure);
	}

	/**
	 * Whether a check passed.
	 */
	public enum Status {

		/**
		 * The check passed.
		 */
		PASS,

		/**
		 * The check passed but found something to act on soon.
		 */
		WARN,

		/**
		 * The check failed: Checkout would refuse this identity.
		 */
		FAIL

	}

}
