/**
 * Checkout's payments API as typed HTTP service interfaces, blocking and reactive, and
 * the {@code checkout} HTTP service group that backs an application's own interfaces with
 * the mTLS client.
 */
@NullMarked
package io.github.checkoutmtls.api;

import org.jspecify.annotations.NullMarked;
