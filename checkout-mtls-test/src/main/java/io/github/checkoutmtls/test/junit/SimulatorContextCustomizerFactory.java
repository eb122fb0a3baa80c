package io.github.checkoutmtls.test.junit;

import java.util.List;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives the application context of a test class annotated with
 * {@link CheckoutMtlsSimulatorTest} its own simulator. Registered in
 * {@code META-INF/spring.factories}.
 */
class SimulatorContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		CheckoutMtlsSimulatorTest annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				CheckoutMtlsSimulatorTest.class);
		return (annotation != null) ? new SimulatorContextCustomizer(SimulatorSettings.of(annotation)) : null;
	}

}
