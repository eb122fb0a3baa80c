/**
 * A local HTTPS server that behaves like Checkout.com's mTLS API and access hosts, for
 * tests.
 */
@NullMarked
package io.github.checkoutmtls.test.simulator;

import org.jspecify.annotations.NullMarked;
