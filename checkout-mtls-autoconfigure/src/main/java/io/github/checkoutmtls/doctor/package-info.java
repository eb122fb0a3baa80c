/**
 * The doctor's report of the client identity (chain, checks, CN and roots to register),
 * as the {@code checkoutmtls} actuator endpoint serves it; the command line lives in
 * {@code checkout-mtls-doctor}.
 */
@NullMarked
package io.github.checkoutmtls.doctor;

import org.jspecify.annotations.NullMarked;
