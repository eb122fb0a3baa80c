/**
 * In-memory test PKI: a private client CA hierarchy, a separate localhost server CA, and
 * PEM/PKCS#12 output.
 */
@NullMarked
package io.github.checkoutmtls.test.pki;

import org.jspecify.annotations.NullMarked;
