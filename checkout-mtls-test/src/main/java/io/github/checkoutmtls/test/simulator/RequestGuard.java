package io.github.checkoutmtls.test.simulator;

import java.util.Optional;

/**
 * A check every request on a host passes before routing, such as the leaf's CN or a
 * bearer token.
 */
@FunctionalInterface
interface RequestGuard {

	/**
	 * Checks a request.
	 * @param request the request
	 * @return the response that refuses it, or empty to let it through
	 */
	Optional<SimulatorResponse> check(SimulatorRequest request);

}
