package io.github.checkoutmtls.sample;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest.AuthMode;
import io.github.checkoutmtls.test.junit.SimulatorFixture;

/**
 * Runs the sample against an embedded Checkout simulator unless the {@code sandbox}
 * profile is active or {@code sample.simulator.enabled=false}: writes a fresh test PKI to
 * a temporary folder, starts the simulator trusting its root, and points
 * {@code checkout.mtls.*} at both. Properties the user sets take precedence over these.
 */
public class EmbeddedSimulatorInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String COMMON_NAME = "gateway.sample.internal";

	static final String CLIENT_ID = "ack_sample_gateway";

	private static final Log logger = LogFactory.getLog(EmbeddedSimulatorInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (environment.matchesProfiles("sandbox")
				|| !environment.getProperty("sample.simulator.enabled", Boolean.class, false)) {
			return;
		}
		boolean jwt = "jwt".equalsIgnoreCase(environment.getProperty("checkout.mtls.auth-mode"));
		SimulatorFixture fixture = SimulatorFixture.start(COMMON_NAME, jwt ? AuthMode.JWT : AuthMode.CERTIFICATE,
				environment.getProperty("checkout.mtls.jwt.client-id", CLIENT_ID));
		// Last: properties the user sets take precedence.
		environment.getPropertySources().addLast(new MapPropertySource("checkoutMtlsSimulator", fixture.properties()));
		context.getBeanFactory().registerSingleton("checkoutMtlsSimulator", fixture.simulator());
		// Destroyed with this context's singletons: on close, and also when startup
		// fails.
		((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean("checkoutMtlsSimulatorFixture",
				fixture::close);
		logger.info("Embedded Checkout mTLS simulator at " + fixture.simulator().apiBaseUrl() + " (access host "
				+ fixture.simulator().accessBaseUrl() + "), trusting a fresh test PKI (registered CN '" + COMMON_NAME
				+ "'" + (jwt ? ", tokens required" : "") + ")");
	}

}
