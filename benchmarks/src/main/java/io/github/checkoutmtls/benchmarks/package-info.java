/**
 * Side-by-side benchmarks of checkout-mtls: a plain {@code main} harness, not a test suite.
 */
package io.github.checkoutmtls.benchmarks;
