package io.github.checkoutmtls.doctor.cli;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * Thrown when a file given to the doctor itself (a root, trusted server CAs, the roots
 * output) cannot be read or written.
 */
class DoctorInputException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param problem what is wrong, in one sentence
	 * @param option the option naming the file, e.g. {@code --root}
	 * @param value the file
	 * @param action what to do about it
	 * @param cause the underlying cause, or {@code null}
	 */
	DoctorInputException(String problem, String option, String value, String action, Throwable cause) {
		super(problem, option, value, action, cause);
	}

}
