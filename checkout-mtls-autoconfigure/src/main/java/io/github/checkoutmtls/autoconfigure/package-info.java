/**
 * Auto-configuration of the Checkout mTLS client: properties, endpoints and the {@code checkoutWebClient} bean.
 */
package io.github.checkoutmtls.autoconfigure;
