package io.github.checkoutmtls.token;

import java.time.Instant;

/**
 * The outcome of the latest token fetch, for health reports. Never holds the token.
 *
 * @param completedAt when the fetch completed
 * @param successful whether a token was fetched
 * @param thumbprint the x5t#S256 thumbprint of the leaf the fetch presented
 * @param failure the failure's message, or {@code null} when the fetch succeeded
 */
public record TokenFetch(Instant completedAt, boolean successful, String thumbprint, String failure) {

}
