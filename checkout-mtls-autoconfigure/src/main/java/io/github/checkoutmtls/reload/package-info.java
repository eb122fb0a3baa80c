/**
 * Certificate rotation: watching key material for new content, checking it, and swapping it in.
 */
package io.github.checkoutmtls.reload;
