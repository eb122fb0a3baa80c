/**
 * Auto-configuration of the Checkout mTLS client: properties, endpoints and the
 * {@code checkoutWebClient} bean.
 */
@NullMarked
package io.github.checkoutmtls.autoconfigure;

import org.jspecify.annotations.NullMarked;
