/**
 * A small payments gateway calling Checkout.com over mutual TLS with checkout-mtls.
 */
@NullMarked
package io.github.checkoutmtls.sample;

import org.jspecify.annotations.NullMarked;
