/**
 * The blocking front: {@code checkoutRestClient}, a {@code RestClient} over the same connector and connection
 * pool as {@code checkoutWebClient}.
 */
package io.github.checkoutmtls.restclient;
