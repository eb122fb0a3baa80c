/**
 * JWT mode: RFC 8705 certificate-bound tokens from the mTLS access host, cached per
 * certificate and sent as bearer tokens.
 */
@NullMarked
package io.github.checkoutmtls.token;

import org.jspecify.annotations.NullMarked;
