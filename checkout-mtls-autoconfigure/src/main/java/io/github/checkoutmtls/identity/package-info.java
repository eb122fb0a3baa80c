/**
 * Key material: PEM, PKCS#12/JKS and SSL bundle sources, the client identity they
 * produce, and the checks Checkout's rules impose on it.
 */
@NullMarked
package io.github.checkoutmtls.identity;

import org.jspecify.annotations.NullMarked;
