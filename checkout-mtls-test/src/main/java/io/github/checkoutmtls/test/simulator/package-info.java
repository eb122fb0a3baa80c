/**
 * A local HTTPS server that behaves like Checkout.com's mTLS API and access hosts, for tests.
 */
package io.github.checkoutmtls.test.simulator;
