/**
 * The blocking front: {@code checkoutRestClient}, a {@code RestClient} over the same
 * connector and connection pool as {@code checkoutWebClient}.
 */
@NullMarked
package io.github.checkoutmtls.restclient;

import org.jspecify.annotations.NullMarked;
