/**
 * The request pipeline: one unit per logical request to Checkout that owns its
 * idempotency key, the bytes written on its first attempt, its token, its attempt budget
 * and deadline, and the diagnosis of its failures.
 */
@NullMarked
package io.github.checkoutmtls.pipeline;

import org.jspecify.annotations.NullMarked;
