/**
 * The doctor: one report of the client identity (chain, checks, CN and roots to register, an optional
 * live handshake) for the command line and the actuator endpoint.
 */
package io.github.checkoutmtls.doctor;
