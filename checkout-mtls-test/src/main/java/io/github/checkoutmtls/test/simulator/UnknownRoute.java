package io.github.checkoutmtls.test.simulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The answer to a request that no modelled route or stub matches: 404 in Checkout's error
 * shape, with a {@code simulator_hint} naming the route and how to stub it, also logged
 * at WARN. The status and the hint are the simulator's choice: what Checkout answers for
 * a path it does not serve is not documented.
 */
final class UnknownRoute {

	private static final Logger logger = LoggerFactory.getLogger(UnknownRoute.class);

	private UnknownRoute() {
	}

	static SimulatorResponse response(SimulatorRequest request) {
		String hint = "The Checkout simulator has no route for " + request.method() + " " + request.path()
				+ ". Stub it in your test: simulator.stubs().on(\"" + request.method() + "\", \"" + request.path()
				+ "\").respond(200, \"{...}\")";
		logger.warn(hint);
		ObjectNode error = Json.object();
		error.put("request_id", request.requestId());
		error.put("error_type", "simulator_route_unknown");
		error.putArray("error_codes").add("route_not_simulated");
		error.put("simulator_hint", hint);
		return SimulatorResponse.json(404, error);
	}

}
