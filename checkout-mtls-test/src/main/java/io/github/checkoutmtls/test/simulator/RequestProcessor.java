package io.github.checkoutmtls.test.simulator;

import io.github.checkoutmtls.test.simulator.RecordedExchange.Handling;
import reactor.core.publisher.Mono;

/**
 * Turns a request that passed the host's guards into an {@link Outcome}, noting on the
 * exchange's record what it did. Must not block.
 */
@FunctionalInterface
interface RequestProcessor {

	Mono<Outcome> process(SimulatorRequest request, ExchangeEntry exchange);

	/**
	 * Returns a processor that answers with the routes alone, as the access host does:
	 * 404 without a body when no route matches.
	 * @param routes the routes
	 * @return the processor
	 */
	static RequestProcessor routing(RouteTable routes) {
		return (request, exchange) -> routes.match(request).map((match) -> {
			exchange.handling(Handling.PROCESSED);
			return match.handler().handle(match.request()).map(Outcome::of);
		}).orElseGet(() -> {
			exchange.handling(Handling.NOT_ROUTED);
			return Mono.just(Outcome.of(SimulatorResponse.empty(404)));
		});
	}

}
