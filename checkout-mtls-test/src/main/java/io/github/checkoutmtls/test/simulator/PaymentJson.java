package io.github.checkoutmtls.test.simulator;

import java.util.List;
import java.util.Set;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON shapes of Checkout's payment responses (API reference), with the fields
 * clients usually read.
 */
final class PaymentJson {

	private static final Set<String> CAPTURABLE = Set.of(Payment.AUTHORIZED, Payment.PARTIALLY_CAPTURED);

	private PaymentJson() {
	}

	/**
	 * {@code GET /payments/{id}}.
	 */
	static ObjectNode details(Payment payment, SimulatorRequest request) {
		ObjectNode json = Json.object();
		json.put("id", payment.id());
		json.put("requested_on", payment.requestedOn().toString());
		json.put("amount", payment.amount());
		json.put("currency", payment.currency());
		json.put("payment_type", "Regular");
		json.put("reference", payment.reference());
		json.put("status", payment.status());
		json.put("approved", payment.approved());
		json.set("balances", balances(payment));
		json.set("_links", links(payment, request));
		return json;
	}

	/**
	 * 201 of {@code POST /payments}: authorized, card verified or declined.
	 */
	static ObjectNode processed(Payment payment, SimulatedAction authorization, SimulatorRequest request) {
		ObjectNode json = Json.object();
		json.put("id", payment.id());
		json.put("action_id", authorization.id());
		json.put("amount", payment.amount());
		json.put("currency", payment.currency());
		json.put("approved", payment.approved());
		json.put("status", payment.status());
		json.put("response_code", authorization.responseCode());
		json.put("response_summary", authorization.responseSummary());
		json.put("reference", payment.reference());
		json.put("processed_on", authorization.processedOn().toString());
		json.set("_links", links(payment, request));
		return json;
	}

	/**
	 * 202 of {@code POST /payments}: waiting for the customer's 3-D Secure
	 * authentication.
	 */
	static ObjectNode pending(Payment payment, SimulatorRequest request) {
		ObjectNode json = Json.object();
		json.put("id", payment.id());
		json.put("status", payment.status());
		json.put("reference", payment.reference());
		json.putObject("3ds").put("downgraded", false).put("enrolled", "Y");
		ObjectNode links = Json.object();
		links.putObject("self").put("href", self(payment, request));
		links.putObject("redirect").put("href", base(request) + "/3ds/" + payment.id());
		json.set("_links", links);
		return json;
	}

	/**
	 * 202 of {@code POST /payments/{id}/captures|refunds|voids}.
	 */
	static ObjectNode action(Payment payment, SimulatedAction action, SimulatorRequest request) {
		ObjectNode json = Json.object();
		json.put("action_id", action.id());
		json.put("reference", action.reference());
		json.putObject("_links").putObject("payment").put("href", self(payment, request));
		return json;
	}

	/**
	 * {@code GET /payments/{id}/actions}.
	 */
	static ArrayNode actions(List<SimulatedAction> actions) {
		ArrayNode json = Json.array();
		for (SimulatedAction action : actions) {
			ObjectNode item = json.addObject();
			item.put("id", action.id());
			item.put("type", action.type());
			item.put("processed_on", action.processedOn().toString());
			item.put("amount", action.amount());
			item.put("approved", action.approved());
			item.put("response_code", action.responseCode());
			item.put("response_summary", action.responseSummary());
			item.put("reference", action.reference());
		}
		return json;
	}

	private static ObjectNode balances(Payment payment) {
		boolean authorized = Payment.AUTHORIZED.equals(payment.status());
		boolean capturable = CAPTURABLE.contains(payment.status());
		boolean authorizedAmount = payment.approved() && !Payment.CARD_VERIFIED.equals(payment.status());
		ObjectNode balances = Json.object();
		balances.put("total_authorized", authorizedAmount ? payment.amount() : 0);
		balances.put("total_voided", Payment.VOIDED.equals(payment.status()) ? payment.amount() : 0);
		balances.put("available_to_void", authorized ? payment.amount() : 0);
		balances.put("total_captured", payment.capturedAmount());
		balances.put("available_to_capture", capturable ? payment.amount() - payment.capturedAmount() : 0);
		balances.put("total_refunded", payment.refundedAmount());
		balances.put("available_to_refund", payment.refundableAmount());
		return balances;
	}

	private static ObjectNode links(Payment payment, SimulatorRequest request) {
		ObjectNode links = Json.object();
		String self = self(payment, request);
		links.putObject("self").put("href", self);
		links.putObject("actions").put("href", self + "/actions");
		if (CAPTURABLE.contains(payment.status())) {
			links.putObject("capture").put("href", self + "/captures");
		}
		if (Payment.AUTHORIZED.equals(payment.status())) {
			links.putObject("void").put("href", self + "/voids");
		}
		return links;
	}

	private static String self(Payment payment, SimulatorRequest request) {
		return base(request) + "/payments/" + payment.id();
	}

	private static String base(SimulatorRequest request) {
		return "https://" + request.header("Host");
	}

}
