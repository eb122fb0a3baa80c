/**
 * Side-by-side benchmarks of checkout-mtls: a plain {@code main} harness, not a test
 * suite.
 */
@NullMarked
package io.github.checkoutmtls.benchmarks;

import org.jspecify.annotations.NullMarked;
