/**
 * {@link io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest}: a simulator with a
 * fresh test PKI for a JUnit test class, and its {@code checkout.mtls.*} properties for a
 * Spring test context.
 */
@NullMarked
package io.github.checkoutmtls.test.junit;

import org.jspecify.annotations.NullMarked;
