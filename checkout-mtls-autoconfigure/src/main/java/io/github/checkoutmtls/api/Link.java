package io.github.checkoutmtls.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One entry of a Checkout response's {@code _links}, such as {@code self},
 * {@code actions} or {@code redirect}.
 *
 * @param href the linked URL
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Link(String href) {

}
