/**
 * Test support for applications using checkout-mtls: a test PKI and a Checkout.com mTLS
 * simulator.
 */
@NullMarked
package io.github.checkoutmtls.test;

import org.jspecify.annotations.NullMarked;
