package io.github.checkoutmtls.diagnostics;

import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Gives tests in other packages the starter's failure analysis of a startup failure.
 */
public final class TestFailureAnalyzers {

	/**
	 * Analyzes a failure as Spring Boot would.
	 * @param failure the startup failure
	 * @return the analysis, or {@code null}
	 */
	public FailureAnalysis analyze(Throwable failure) {
		return new CheckoutMtlsConfigurationFailureAnalyzer().analyze(failure);
	}

}
