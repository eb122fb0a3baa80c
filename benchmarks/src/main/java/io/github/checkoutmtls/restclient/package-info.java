/**
 * Benchmark seams in the starter's own package: the starter's blocking request factory
 * over any connector.
 */
@NullMarked
package io.github.checkoutmtls.restclient;

import org.jspecify.annotations.NullMarked;
