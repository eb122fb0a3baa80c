/**
 * Retries of failed requests, bounded and idempotency-aware, and the idempotency key that makes retrying a POST safe.
 */
@NullMarked
package io.github.checkoutmtls.retry;

import org.jspecify.annotations.NullMarked;
