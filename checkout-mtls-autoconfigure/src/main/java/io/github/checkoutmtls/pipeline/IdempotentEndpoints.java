package io.github.checkoutmtls.pipeline;

import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The API paths on which Checkout honours {@code Cko-Idempotency-Key}: only a POST to one
 * of them gets a key, and only such a POST may be sent again once it reached Checkout.
 */
final class IdempotentEndpoints {

	/**
	 * Checkout's list (docs "Idempotency", updated Aug and Nov 2024, Feb 2025 and Jan
	 * 2026).
	 */
	static final List<String> CHECKOUT_DEFAULTS = List.of("/payments", "/payments/{id}/authorizations",
			"/payments/{id}/captures", "/payments/{id}/refunds", "/payments/{id}/voids", "/payments/{id}/cancellations",
			"/payment-contexts", "/transfers");

	private final List<PathPattern> patterns;

	private final String basePath;

	/**
	 * Creates the list.
	 * @param patterns path patterns relative to the API base URL, such as
	 * {@code /payments/{id}/captures}
	 * @param basePath the API base URL's path, stripped from request paths before
	 * matching
	 */
	IdempotentEndpoints(List<String> patterns, String basePath) {
		PathPatternParser parser = new PathPatternParser();
		this.patterns = patterns.stream().map(parser::parse).toList();
		this.basePath = (basePath == null || basePath.equals("/")) ? "" : stripTrailingSlash(basePath);
	}

	/**
	 * Returns whether Checkout honours an idempotency key on a POST to the path.
	 * @param path the request's path
	 * @return whether the path is one of the idempotent endpoints
	 */
	boolean matches(String path) {
		if (path == null || !path.startsWith(this.basePath)) {
			return false;
		}
		PathContainer relative = PathContainer.parsePath(stripTrailingSlash(path.substring(this.basePath.length())));
		for (PathPattern pattern : this.patterns) {
			if (pattern.matches(relative)) {
				return true;
			}
		}
		return false;
	}

	private static String stripTrailingSlash(String path) {
		return (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
	}

}
