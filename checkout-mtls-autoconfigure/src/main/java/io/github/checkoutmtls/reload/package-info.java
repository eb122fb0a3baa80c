/**
 * Certificate rotation: watching key material for new content, checking it, and swapping
 * it in.
 */
@NullMarked
package io.github.checkoutmtls.reload;

import org.jspecify.annotations.NullMarked;
