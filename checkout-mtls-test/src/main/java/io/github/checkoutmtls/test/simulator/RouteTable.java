package io.github.checkoutmtls.test.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routes by method and path template, where a {@code {name}} segment matches any one segment.
 */
final class RouteTable {

	private final List<Route> routes = new ArrayList<>();

	RouteTable add(String method, String template, SimulatorHandler handler) {
		this.routes.add(new Route(method, segments(template), handler));
		return this;
	}

	/**
	 * Finds the handler for a request and binds the path variables.
	 * @param request the request
	 * @return the handler and the request with its path variables, or empty if no route matches
	 */
	Optional<Match> match(SimulatorRequest request) {
		String[] path = segments(request.path());
		for (Route route : this.routes) {
			Map<String, String> variables = route.match(request.method(), path);
			if (variables != null) {
				return Optional.of(new Match(route.handler(), request.withPathVariables(variables)));
			}
		}
		return Optional.empty();
	}

	private static String[] segments(String path) {
		String trimmed = path.startsWith("/") ? path.substring(1) : path;
		return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
	}

	record Match(SimulatorHandler handler, SimulatorRequest request) {

	}

	private record Route(String method, String[] template, SimulatorHandler handler) {

		Map<String, String> match(String requestMethod, String[] path) {
			if (!this.method.equals(requestMethod) || path.length != this.template.length) {
				return null;
			}
			Map<String, String> variables = new HashMap<>();
			for (int i = 0; i < path.length; i++) {
				String segment = this.template[i];
				if (segment.startsWith("{") && segment.endsWith("}")) {
					if (path[i].isEmpty()) {
						return null;
					}
					variables.put(segment.substring(1, segment.length() - 1), path[i]);
				}
				else if (!segment.equals(path[i])) {
					return null;
				}
			}
			return variables;
		}

	}

}
