package io.github.checkoutmtls.test.junit;

import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit Jupiter extension behind {@link CheckoutMtlsSimulatorTest}: provides the
 * simulator and the {@link TestPki} to test methods and clears the simulator's records,
 * faults and stubs before each test.
 *
 * <p>
 * On a Spring test the simulator comes from the test's application context, where
 * {@code SimulatorContextCustomizerFactory} put it; otherwise the extension starts one
 * per test class and closes it after the class.
 */
public class CheckoutMtlsSimulatorExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(CheckoutMtlsSimulatorExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		if (!SpringTests.isSpringTest(context)) {
			fixture(context);
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		CheckoutMtlsSimulator simulator = simulator(context);
		simulator.clearRecords();
		simulator.faults().clear();
		simulator.stubs().clear();
		simulator.tokenFaults().clear();
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		if (type != CheckoutMtlsSimulator.class && type != TestPki.class) {
			return false;
		}
		// An @Autowired parameter is Spring's to resolve; two resolvers for one parameter
		// is an error
		return !SpringTests.isSpringTest(extensionContext)
				|| !SpringTests.springResolves(parameterContext, extensionContext);
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		return (type == TestPki.class) ? pki(extensionContext) : simulator(extensionContext);
	}

	private static CheckoutMtlsSimulator simulator(ExtensionContext context) {
		return SpringTests.isSpringTest(context) ? SpringTests.bean(context, CheckoutMtlsSimulator.class)
				: fixture(context).simulator();
	}

	private static TestPki pki(ExtensionContext context) {
		return SpringTests.isSpringTest(context) ? SpringTests.bean(context, TestPki.class) : fixture(context).pki();
	}

	/**
	 * Returns the test class's fixture, started on first use. Stored with the outermost
	 * annotated class, so {@code @Nested} classes share it, and closed by JUnit when that
	 * class is done.
	 */
	private static SimulatorFixture fixture(ExtensionContext context) {
		ExtensionContext owner = annotatedClassContext(context);
		return owner.getStore(NAMESPACE)
			.computeIfAbsent(SimulatorFixture.class, (key) -> SimulatorFixture.start(settings(owner)),
					SimulatorFixture.class);
	}

	private static ExtensionContext annotatedClassContext(ExtensionContext context) {
		ExtensionContext found = null;
		for (ExtensionContext candidate = context; candidate != null; candidate = candidate.getParent().orElse(null)) {
			if (candidate.getTestClass().map(CheckoutMtlsSimulatorExtension::isAnnotated).orElse(false)
					&& candidate.getTestMethod().isEmpty()) {
				found = candidate;
			}
		}
		if (found == null) {
			throw new IllegalStateException("No @CheckoutMtlsSimulatorTest on " + context.getTestClass().orElse(null));
		}
		return found;
	}

	private static boolean isAnnotated(Class<?> testClass) {
		return AnnotationSupport.isAnnotated(testClass, CheckoutMtlsSimulatorTest.class);
	}

	private static SimulatorSettings settings(ExtensionContext classContext) {
		Class<?> testClass = classContext.getRequiredTestClass();
		return SimulatorSettings.of(AnnotationSupport.findAnnotation(testClass, CheckoutMtlsSimulatorTest.class)
			.orElseThrow(() -> new IllegalStateException("No @CheckoutMtlsSimulatorTest on " + testClass)));
	}

}
