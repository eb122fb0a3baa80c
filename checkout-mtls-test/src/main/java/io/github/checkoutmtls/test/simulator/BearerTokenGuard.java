package io.github.checkoutmtls.test.simulator;

import java.util.Optional;

/**
 * Requires, on the API host, a valid bearer token bound to the leaf presented on the
 * request's own connection (RFC 8705 3), answering 401 with an RFC 6750 challenge
 * otherwise.
 */
final class BearerTokenGuard implements RequestGuard {

	private final TokenService tokens;

	BearerTokenGuard(TokenService tokens) {
		this.tokens = tokens;
	}

	@Override
	public Optional<SimulatorResponse> check(SimulatorRequest request) {
		String token = request.bearerToken();
		String problem = (token != null) ? this.tokens.problem(token, request.certificate().thumbprint())
				: "no bearer token";
		if (problem == null) {
			return Optional.empty();
		}
		String challenge = "Bearer error=\"invalid_token\", error_description=\"" + problem + "\"";
		return Optional.of(SimulatorResponse.empty(401).withHeader("WWW-Authenticate", challenge));
	}

}
