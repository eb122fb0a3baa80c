/**
 * Actuator integration: the {@code checkoutmtls} endpoint reporting on the running client identity.
 */
package io.github.checkoutmtls.actuate;
