/**
 * Actuator integration: the {@code checkoutmtls} endpoint reporting on the running client
 * identity.
 */
@NullMarked
package io.github.checkoutmtls.actuate;

import org.jspecify.annotations.NullMarked;
