package io.github.checkoutmtls.test.simulator;

import reactor.core.publisher.Mono;

/**
 * Answers one route. Must not block: it runs on a Netty event loop.
 */
@FunctionalInterface
interface SimulatorHandler {

	Mono<SimulatorResponse> handle(SimulatorRequest request);

}
