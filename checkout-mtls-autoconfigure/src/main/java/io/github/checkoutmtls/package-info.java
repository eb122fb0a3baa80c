/**
 * Checkout.com over mutual TLS for Spring Boot: the exception every fixable startup
 * problem extends.
 */
@NullMarked
package io.github.checkoutmtls;

import org.jspecify.annotations.NullMarked;
