package io.github.checkoutmtls.test.junit;

import io.github.checkoutmtls.test.pki.TestPki;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Starts a simulator for one application context, adds its {@code checkout.mtls.*}
 * properties and registers it and its {@link TestPki} as beans; the simulator stops when
 * the context closes.
 *
 * <p>
 * Equal settings make equal customizers, which Spring's context cache uses as part of its
 * key: a context and its simulator are created together, cached together and closed
 * together, so a cached context never points at a simulator that another test class
 * stopped.
 */
final class SimulatorContextCustomizer implements ContextCustomizer {

	static final String PROPERTY_SOURCE_NAME = "checkoutMtlsSimulator";

	private final SimulatorSettings settings;

	SimulatorContextCustomizer(SimulatorSettings settings) {
		this.settings = settings;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		SimulatorFixture fixture = SimulatorFixture.start(this.settings);
		addPropertySource(context.getEnvironment().getPropertySources(),
				new MapPropertySource(PROPERTY_SOURCE_NAME, fixture.properties()));
		context.getBeanFactory().registerSingleton("checkoutMtlsSimulator", fixture.simulator());
		context.getBeanFactory().registerSingleton("checkoutMtlsSimulatorPki", fixture.pki());
		// Destroyed with the context's singletons: on close, and also when the context
		// fails to refresh.
		((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean("checkoutMtlsSimulatorFixture",
				fixture::close);
	}

	/**
	 * Puts the simulator's properties above the application's configuration but below the
	 * test's inlined properties ({@code @SpringBootTest(properties = ...)},
	 * {@code @TestPropertySource}), so a test can still override one.
	 */
	private static void addPropertySource(MutablePropertySources sources, MapPropertySource simulator) {
		String inlined = TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME;
		if (sources.contains(inlined)) {
			sources.addAfter(inlined, simulator);
		}
		else {
			sources.addFirst(simulator);
		}
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof SimulatorContextCustomizer customizer
				&& this.settings.equals(customizer.settings));
	}

	@Override
	public int hashCode() {
		return this.settings.hashCode();
	}

}
