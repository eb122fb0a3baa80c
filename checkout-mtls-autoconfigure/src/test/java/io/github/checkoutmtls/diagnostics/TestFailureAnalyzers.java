package io.github.checkoutmtls.diagnostics;

import java.util.List;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

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

	/**
	 * Analyzes a failure with every analyzer Spring Boot registers, in its order, as it
	 * does at startup.
	 * @param failure the startup failure
	 * @param environment the environment of the failed context, where analyzers find a
	 * value's origin
	 * @return the first analysis, or {@code null}
	 */
	public FailureAnalysis analyze(Throwable failure, Environment environment) {
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
			.load(FailureAnalyzer.class, ArgumentResolver.of(Environment.class, environment),
					// Those needing the failed context's bean factory do not analyze
					// property errors.
					FailureHandler.handleMessage((message, ex) -> {
					}));
		for (FailureAnalyzer analyzer : analyzers) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		return null;
	}

}
