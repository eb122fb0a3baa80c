/**
 * The TLS connector: a Reactor Netty client presenting the client identity, behind a holder that can swap it.
 */
package io.github.checkoutmtls.connector;
