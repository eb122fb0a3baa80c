/**
 * In-memory test PKI: a private client CA hierarchy, a separate localhost server CA, and PEM/PKCS#12 output.
 */
package io.github.checkoutmtls.test.pki;
