/**
 * The TLS connector: a Reactor Netty client presenting the client identity, behind a
 * holder that can swap it.
 */
@NullMarked
package io.github.checkoutmtls.connector;

import org.jspecify.annotations.NullMarked;
