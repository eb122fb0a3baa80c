package io.github.checkoutmtls.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * Turns every {@link CheckoutMtlsConfigurationException} into a failure analysis that
 * names the property, its value and the fix. The exception types stay one per problem;
 * the fix is written where the problem is found, because it depends on what was found
 * (the missing issuer, the CN on the leaf).
 */
class CheckoutMtlsConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<CheckoutMtlsConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CheckoutMtlsConfigurationException cause) {
		StringBuilder description = new StringBuilder();
		description.append("The Checkout mTLS client could not be configured: ").append(cause.getProblem()).append(".");
		description.append(String.format("%n%n    Property: %s", cause.getProperty()));
		if (cause.getValue() != null) {
			description.append(String.format("%n    Value: %s", cause.getValue()));
		}
		return new FailureAnalysis(description.toString(), cause.getAction(), cause);
	}

}
