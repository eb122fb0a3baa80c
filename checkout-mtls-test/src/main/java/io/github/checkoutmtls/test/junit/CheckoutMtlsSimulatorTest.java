package io.github.checkoutmtls.test.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.HandshakeRejection;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a {@link CheckoutMtlsSimulator} trusting a fresh
 * {@link TestPki}, with no setup code. Test methods can take the
 * {@link CheckoutMtlsSimulator} and the {@link TestPki} as parameters.
 *
 * <p>
 * On a Spring test ({@code @SpringBootTest}, {@code @SpringJUnitConfig}, ...) the
 * simulator belongs to the test's application context: it starts when the context is
 * created, is a bean that can be {@code @Autowired}, closes when the context closes, and
 * the context gets these properties, overriding the application's own configuration but
 * not the test's inlined properties:
 * <ul>
 * <li>{@code checkout.mtls.api-base-url} and {@code checkout.mtls.access-base-url}: the
 * simulator's hosts;</li>
 * <li>{@code checkout.mtls.pem.certificate} and {@code checkout.mtls.pem.private-key}:
 * PEM files of the leaf chain and key;</li>
 * <li>{@code checkout.mtls.trust.certificates}: PEM file of the simulator's server
 * CA;</li>
 * <li>{@code checkout.mtls.expected-common-name}: the leaf's CN, which the simulator
 * requires;</li>
 * <li>in {@link AuthMode#JWT} mode, {@code checkout.mtls.auth-mode=jwt} and
 * {@code checkout.mtls.jwt.client-id}, with the simulator requiring bound tokens.</li>
 * </ul>
 * Spring caches contexts across test classes, and the simulator is part of the cache key:
 * test classes with the same configuration and the same attributes here share one context
 * and so one simulator. Before each test its recorded exchanges, handshake rejections,
 * faults and stubs are cleared; payments are kept.
 *
 * <p>
 * Without Spring, the extension starts one simulator per test class (shared with its
 * {@code @Nested} classes), {@link SimulatorFixture#reset() resets} it before each test,
 * token records included, and closes it after the class. For options beyond these
 * attributes, register a {@link SimulatorFixture.Builder#perClass()} extension instead.
 *
 * @see CheckoutMtlsSimulatorExtension
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(CheckoutMtlsSimulatorExtension.class)
public @interface CheckoutMtlsSimulatorTest {

	/**
	 * CN of the client leaf, registered with the simulator as Checkout's onboarding
	 * would.
	 * @return the common name
	 */
	String commonName() default TestPki.DEFAULT_COMMON_NAME;

	/**
	 * How the client authenticates on the API host.
	 * @return the authentication mode
	 */
	AuthMode authMode() default AuthMode.CERTIFICATE;

	/**
	 * Client id registered with the simulator's token endpoint in {@link AuthMode#JWT}
	 * mode, authenticated by its certificate ({@code tls_client_auth}).
	 * @return the client id
	 */
	String clientId() default "checkout-mtls-test-client";

	/**
	 * How rejected handshakes end; Checkout's edge resets the connection ("Mutual TLS",
	 * troubleshooting: "connection reset by peer").
	 * @return the rejection mode
	 */
	HandshakeRejection handshakeRejection() default HandshakeRejection.RESET;

	/**
	 * How the client authenticates on the API host.
	 */
	enum AuthMode {

		/**
		 * The client certificate alone.
		 */
		CERTIFICATE,

		/**
		 * A bearer token from the access host, bound to the client certificate (RFC
		 * 8705).
		 */
		JWT

	}

}
