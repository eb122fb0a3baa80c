package io.github.checkoutmtls.identity;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * Thrown when the leaf's CN is missing or differs from the CN registered with Checkout
 * ({@code checkout.mtls.expected-common-name}). Checkout answers such requests with 401.
 */
final class CommonNameMismatchException extends CheckoutMtlsConfigurationException {

	private CommonNameMismatchException(String problem, String property, String value, String action) {
		super(problem, property, value, action, null);
	}

	/**
	 * Returns the exception for a leaf without a CN.
	 * @param identity the identity whose leaf has none
	 * @return the exception, naming the property the identity was loaded from
	 */
	static CommonNameMismatchException missing(ClientIdentity identity) {
		return new CommonNameMismatchException(
				"The leaf certificate '" + identity.subject() + "' has no CN; Checkout matches the CN registered"
						+ " during onboarding",
				identity.sourceProperty(), identity.sourceLocation(),
				"Issue the leaf with the CN you registered with Checkout in its subject.");
	}

	/**
	 * Returns the exception for an empty {@code checkout.mtls.expected-common-name}.
	 * @param expected the configured, blank, CN
	 * @param actual the leaf's CN
	 * @return the exception
	 */
	static CommonNameMismatchException emptyExpected(String expected, String actual) {
		return new CommonNameMismatchException("The expected CN is empty", CertificateChecks.EXPECTED_COMMON_NAME,
				"'" + expected + "'",
				"Set it to the CN registered with Checkout ('" + actual + "' is the leaf's), or remove it.");
	}

	/**
	 * Returns the exception for a leaf whose CN is not the one registered with Checkout.
	 * @param expected the CN registered with Checkout
	 * @param actual the leaf's CN
	 * @return the exception
	 */
	static CommonNameMismatchException differs(String expected, String actual) {
		return new CommonNameMismatchException(
				"The leaf's CN is '" + actual + "' but the CN registered with Checkout is '" + expected + "'",
				CertificateChecks.EXPECTED_COMMON_NAME, expected,
				"Use a certificate whose CN is '" + expected + "', or register '" + actual
						+ "' with Checkout and update the property. Checkout answers" + " 401 when they differ.");
	}

}
