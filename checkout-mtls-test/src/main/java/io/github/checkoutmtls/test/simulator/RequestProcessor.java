package io.github.checkoutmtls.test.simulator;

import reactor.core.publisher.Mono;

/**
 * Turns a request that passed the host's guards into an {@link Outcome}. Must not block.
 */
@FunctionalInterface
interface RequestProcessor {

	Mono<Outcome> process(SimulatorRequest request);

	/**
	 * Returns a processor that answers with the routes alone, as the access host does.
	 * @param routes the routes
	 * @return the processor
	 */
	static RequestProcessor routing(RouteTable routes) {
		return (request) -> routes.handle(request).map(Outcome::of);
	}

}
