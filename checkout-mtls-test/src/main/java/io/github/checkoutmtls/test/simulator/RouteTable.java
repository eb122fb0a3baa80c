package io.github.checkoutmtls.test.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routes by method and {@link PathTemplate path template}.
 */
final class RouteTable {

	private final List<Route> routes = new ArrayList<>();

	RouteTable add(String method, String template, SimulatorHandler handler) {
		this.routes.add(new Route(method, PathTemplate.of(template), handler));
		return this;
	}

	/**
	 * Finds the handler for a request and binds the path variables.
	 * @param request the request
	 * @return the handler and the request with its path variables, or empty if no route
	 * matches
	 */
	Optional<Match> match(SimulatorRequest request) {
		for (Route route : this.routes) {
			Map<String, String> variables = route.method().equals(request.method())
					? route.template().match(request.path()) : null;
			if (variables != null) {
				return Optional.of(new Match(route.handler(), request.withPathVariables(variables)));
			}
		}
		return Optional.empty();
	}

	record Match(SimulatorHandler handler, SimulatorRequest request) {

	}

	private record Route(String method, PathTemplate template, SimulatorHandler handler) {

	}

}
