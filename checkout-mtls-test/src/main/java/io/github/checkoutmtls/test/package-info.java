/**
 * Test support for applications using checkout-mtls: a test PKI and a Checkout.com mTLS simulator.
 */
package io.github.checkoutmtls.test;
