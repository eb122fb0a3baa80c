package io.github.checkoutmtls.diagnostics;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.github.checkoutmtls.identity.CommonNameMismatchException;
import io.github.checkoutmtls.identity.PrivateKeyPasswordException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CheckoutMtlsConfigurationFailureAnalyzer}.
 */
class CheckoutMtlsConfigurationFailureAnalyzerTests {

	private final CheckoutMtlsConfigurationFailureAnalyzer analyzer = new CheckoutMtlsConfigurationFailureAnalyzer();

	@Test
	void analyzeWhenWrappedInBeanCreationNamesPropertyValueAndFix() {
		CommonNameMismatchException cause = new CommonNameMismatchException(
				"The leaf's CN is 'a.internal' but the CN registered with Checkout is 'b.internal'",
				"checkout.mtls.expected-common-name", "b.internal", "Use a certificate whose CN is 'b.internal'.");
		FailureAnalysis analysis = this.analyzer
			.analyze(new BeanCreationException("checkoutMtlsConnector", "Failed to instantiate", cause));
		assertThat(analysis.getDescription()).startsWith("The Checkout mTLS client could not be configured: The leaf's CN")
			.contains("Property: checkout.mtls.expected-common-name")
			.contains("Value: b.internal");
		assertThat(analysis.getAction()).isEqualTo("Use a certificate whose CN is 'b.internal'.");
		assertThat(analysis.getCause()).isSameAs(cause);
	}

	@Test
	void analyzeWhenValueIsSecretOmitsValueLine() {
		PrivateKeyPasswordException cause = new PrivateKeyPasswordException("The private key password is wrong or missing",
				"checkout.mtls.keystore.private-key-password", null, "Set the password the key was encrypted with.",
				null);
		FailureAnalysis analysis = this.analyzer.analyze(cause);
		assertThat(analysis.getDescription()).contains("Property: checkout.mtls.keystore.private-key-password")
			.doesNotContain("Value:");
	}

	@Test
	void analyzeWhenUnrelatedFailureReturnsNull() {
		assertThat(this.analyzer.analyze(new IllegalStateException("unrelated"))).isNull();
	}

}
