/**
 * Diagnosis of what Checkout documents (handshake resets, 401 for a CN mismatch) and of
 * startup failures.
 */
@NullMarked
package io.github.checkoutmtls.diagnostics;

import org.jspecify.annotations.NullMarked;
