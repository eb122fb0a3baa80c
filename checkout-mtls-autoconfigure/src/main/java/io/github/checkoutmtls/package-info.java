/**
 * Checkout.com over mutual TLS for Spring Boot: the exception every fixable startup problem extends.
 */
package io.github.checkoutmtls;
