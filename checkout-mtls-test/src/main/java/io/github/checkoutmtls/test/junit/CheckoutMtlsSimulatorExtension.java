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
 * per test class and closes it after the class, and also forgets the token requests and
 * issued tokens before each test.
 *
 * <p>
 * Registered on a static field from {@link SimulatorFixture.Builder#perClass()}, it
 * starts that fixture once per test class instead, resets it before each test, resolves
 * {@link SimulatorFixture} parameters too, and gives the fixture to the test class
 * through {@link #fixture()}:
 *
 * <pre class="code">
 * &#064;RegisterExtension
 * static final CheckoutMtlsSimulatorExtension checkout = SimulatorFixture.builder()
 * 	.authMode(AuthMode.JWT, "client-1")
 * 	.simulator((simulator) -&gt; simulator.tokenLifetime(Duration.ofMinutes(5)))
 * 	.perClass();
 * </pre>
 */
public class CheckoutMtlsSimulatorExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(CheckoutMtlsSimulatorExtension.class);

	private final SimulatorFixture.Builder registered;

	private volatile SimulatorFixture started;

	/**
	 * Creates the extension that {@link CheckoutMtlsSimulatorTest} registers.
	 */
	public CheckoutMtlsSimulatorExtension() {
		this.registered = null;
	}

	CheckoutMtlsSimulatorExtension(SimulatorFixture.Builder registered) {
		this.registered = registered;
	}

	/**
	 * Returns the fixture this registered extension started for the running test class.
	 * @return the fixture
	 * @throws IllegalStateException if the extension was not registered from
	 * {@link SimulatorFixture.Builder#perClass()} or the class has not started
	 */
	public SimulatorFixture fixture() {
		SimulatorFixture fixture = this.started;
		if (fixture == null) {
			throw new IllegalStateException("No fixture: register the extension on a static field with "
					+ "@RegisterExtension, from SimulatorFixture.builder()...perClass()");
		}
		return fixture;
	}

	/**
	 * Returns the simulator of {@link #fixture()}.
	 * @return the running simulator
	 */
	public CheckoutMtlsSimulator simulator() {
		return fixture().simulator();
	}

	/**
	 * Returns the PKI of {@link #fixture()}.
	 * @return the PKI the simulator trusts
	 */
	public TestPki pki() {
		return fixture().pki();
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		if (this.registered != null) {
			registeredFixture(context);
		}
		else if (!SpringTests.isSpringTest(context)) {
			fixture(context);
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.registered != null || !SpringTests.isSpringTest(context)) {
			fixtureFor(context).reset();
			return;
		}
		// A Spring context, and so its simulator, can be shared by test classes and cache
		// a token across tests: token records are kept.
		CheckoutMtlsSimulator simulator = simulator(context);
		simulator.clearRecords();
		simulator.faults().clear();
		simulator.stubs().clear();
		simulator.tokenFaults().clear();
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		if (type != SimulatorFixture.class && type != CheckoutMtlsSimulator.class && type != TestPki.class) {
			return false;
		}
		boolean spring = SpringTests.isSpringTest(extensionContext);
		// An @Autowired parameter is Spring's to resolve; two resolvers for one parameter
		// is an error
		if (spring && SpringTests.springResolves(parameterContext, extensionContext)) {
			return false;
		}
		return type != SimulatorFixture.class || this.registered != null || !spring;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		if (this.registered != null || !SpringTests.isSpringTest(extensionContext)) {
			SimulatorFixture fixture = fixtureFor(extensionContext);
			if (type == SimulatorFixture.class) {
				return fixture;
			}
			return (type == TestPki.class) ? fixture.pki() : fixture.simulator();
		}
		return (type == TestPki.class) ? SpringTests.bean(extensionContext, TestPki.class)
				: SpringTests.bean(extensionContext, CheckoutMtlsSimulator.class);
	}

	private SimulatorFixture fixtureFor(ExtensionContext context) {
		return (this.registered != null) ? fixture() : fixture(context);
	}

	private static CheckoutMtlsSimulator simulator(ExtensionContext context) {
		return SpringTests.isSpringTest(context) ? SpringTests.bean(context, CheckoutMtlsSimulator.class)
				: fixture(context).simulator();
	}

	/**
	 * Starts the registered fixture for the outermost class that runs with this
	 * extension, so {@code @Nested} classes share it; JUnit closes it with that class.
	 */
	private void registeredFixture(ExtensionContext context) {
		if (this.started != null) {
			return;
		}
		SimulatorFixture fixture = this.registered.start();
		context.getStore(NAMESPACE).put(this, (AutoCloseable) () -> {
			this.started = null;
			fixture.close();
		});
		this.started = fixture;
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
