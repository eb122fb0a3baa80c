/**
 * Health, info and metrics of the client certificate, its reloads and its tokens, for
 * Spring Boot's actuator and Micrometer.
 */
@NullMarked
package io.github.checkoutmtls.observability;

import org.jspecify.annotations.NullMarked;
