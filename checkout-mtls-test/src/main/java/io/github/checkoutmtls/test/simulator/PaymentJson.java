package io.github.checkoutmtls.test.simulator;

import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON shapes of Checkout's payment responses, with the fields clients usually read.
 */
final class PaymentJson {

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
	 * 201 of {@code POST /payments}: authorized or declined.
	 */
	static ObjectNode processed(Payment payment, SimulatorRequest request) {
		ObjectNode json = Json.object();
		json.put("id", payment.id());
		json.put("action_id", Ids.actionId());
		json.put("amount", payment.amount());
		json.put("currency", payment.currency());
		json.put("approved", payment.approved());
		json.put("status", payment.status());
		json.put("response_code", payment.approved() ? "10000" : "20005");
		json.put("response_summary", payment.approved() ? "Approved" : "Declined - Do Not Honour");
		json.put("reference", payment.reference());
		json.put("processed_on", payment.requestedOn().toString());
		json.set("_links", links(payment, request));
		return json;
	}

	/**
	 * 202 of {@code POST /payments}: waiting for the customer, with a redirect as for 3-D Secure.
	 */
	static ObjectNode pending(Payment payment, SimulatorRequest request) {
		ObjectNode json = Json.object();
		json.put("id", payment.id());
		json.put("status", payment.status());
		json.put("reference", payment.reference());
		json.putObject("3ds").put("downgraded", false).put("enrolled", "Y");
		ObjectNode links = links(payment, request);
		links.putObject("redirect").put("href", base(request) + "/3ds/" + payment.id());
		json.set("_links", links);
		return json;
	}

	/**
	 * 202 of {@code POST /payments/{id}/captures|refunds|voids}.
	 */
	static ObjectNode action(Payment payment, String reference, SimulatorRequest request) {
		ObjectNode json = Json.object();
		json.put("action_id", Ids.actionId());
		json.put("reference", reference);
		json.putObject("_links").putObject("payment").put("href", self(payment, request));
		return json;
	}

	private static ObjectNode balances(Payment payment) {
		boolean authorized = Payment.AUTHORIZED.equals(payment.status());
		ObjectNode balances = Json.object();
		balances.put("total_authorized", payment.approved() ? payment.amount() : 0);
		balances.put("total_voided", Payment.VOIDED.equals(payment.status()) ? payment.amount() : 0);
		balances.put("available_to_void", authorized ? payment.amount() : 0);
		balances.put("total_captured", payment.capturedAmount());
		balances.put("available_to_capture", authorized ? payment.amount() : 0);
		balances.put("total_refunded", payment.refundedAmount());
		balances.put("available_to_refund", payment.refundableAmount());
		return balances;
	}

	private static ObjectNode links(Payment payment, SimulatorRequest request) {
		ObjectNode links = Json.object();
		links.putObject("self").put("href", self(payment, request));
		return links;
	}

	private static String self(Payment payment, SimulatorRequest request) {
		return base(request) + "/payments/" + payment.id();
	}

	private static String base(SimulatorRequest request) {
		return "https://" + request.header("Host");
	}

}
