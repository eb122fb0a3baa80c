/**
 * The {@code checkout-mtls-doctor} command line: examines client key material as the
 * starter would at startup, writes the roots to send to Checkout and, on request, makes a
 * live handshake.
 */
@NullMarked
package io.github.checkoutmtls.doctor.cli;

import org.jspecify.annotations.NullMarked;
