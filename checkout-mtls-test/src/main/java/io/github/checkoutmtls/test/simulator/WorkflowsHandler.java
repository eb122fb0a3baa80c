package io.github.checkoutmtls.test.simulator;

import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /workflows}: a fixed list of one active workflow, in the shape of Checkout's
 * Flow API, for clients that need a cheap authenticated read.
 */
final class WorkflowsHandler {

	static final String WORKFLOW_ID = "wf_simulatorpaymentnotifications";

	void register(RouteTable routes) {
		routes.add("GET", "/workflows", this::list);
	}

	Mono<SimulatorResponse> list(SimulatorRequest request) {
		ObjectNode json = Json.object();
		ArrayNode data = json.putArray("data");
		ObjectNode workflow = data.addObject();
		workflow.put("id", WORKFLOW_ID);
		workflow.put("name", "Payment notifications");
		workflow.put("active", true);
		workflow.putObject("_links")
			.putObject("self")
			.put("href", "https://" + request.header("Host") + "/workflows/" + WORKFLOW_ID);
		return Mono.just(SimulatorResponse.json(200, json));
	}

}
