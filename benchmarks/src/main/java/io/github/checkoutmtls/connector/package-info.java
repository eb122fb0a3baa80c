/**
 * Benchmark seams in the starter's own package: an in-memory connector beneath the
 * request pipeline.
 */
@NullMarked
package io.github.checkoutmtls.connector;

import org.jspecify.annotations.NullMarked;
