package io.github.checkoutmtls.connector;

import io.github.checkoutmtls.identity.ClientIdentity;

/**
 * Thrown, before anything is sent, when a request pinned to one client identity (because
 * it carries a token bound to that identity's leaf) would go out after the identity was
 * replaced. The caller starts over with the current identity.
 */
public class IdentityReplacedException extends RuntimeException {

	/**
	 * Creates a new instance.
	 * @param pinned the identity the request was pinned to
	 * @param current the identity requests present now
	 */
	public IdentityReplacedException(ClientIdentity pinned, ClientIdentity current) {
		super("The client certificate x5t#S256=" + pinned.thumbprint() + " was replaced by x5t#S256="
				+ current.thumbprint() + " before the request was sent");
	}

	/**
	 * Whether a failure, or one of its causes, is an {@link IdentityReplacedException}.
	 * @param failure the failure
	 * @return whether the request failed because the identity was replaced
	 */
	public static boolean isCauseOf(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof IdentityReplacedException) {
				return true;
			}
		}
		return false;
	}

}
