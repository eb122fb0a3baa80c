package io.github.checkoutmtls.test.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /payments/{id}} and {@code POST /payments}, answering with the fields of Checkout's payment
 * responses that clients usually read.
 */
final class PaymentsHandler {

	private final PaymentStore store;

	PaymentsHandler(PaymentStore store) {
		this.store = store;
	}

	void register(RouteTable routes) {
		routes.add("GET", "/payments/{id}", this::get);
		routes.add("POST", "/payments", this::create);
	}

	Mono<SimulatorResponse> get(SimulatorRequest request) {
		return Mono.just(this.store.find(request.pathVariable("id"))
			.map((payment) -> SimulatorResponse.json(200, details(payment, request)))
			.orElseGet(() -> SimulatorResponse.empty(404)));
	}

	Mono<SimulatorResponse> create(SimulatorRequest request) {
		JsonNode body;
		try {
			body = Json.parse(request.body());
		}
		catch (JacksonException ex) {
			return Mono.just(invalid(request, List.of("request_body_malformed")));
		}
		if (body == null || !body.isObject()) {
			return Mono.just(invalid(request, List.of("request_body_malformed")));
		}
		List<String> errors = validate(body);
		if (!errors.isEmpty()) {
			return Mono.just(invalid(request, errors));
		}
		JsonNode reference = body.get("reference");
		Payment payment = this.store.put(new Payment(Ids.paymentId(), "Authorized", body.get("amount").longValue(),
				body.get("currency").stringValue(), (reference != null) ? reference.stringValue() : null, true,
				Instant.now()));
		return Mono.just(SimulatorResponse.json(201, created(payment, request)));
	}

	private static List<String> validate(JsonNode body) {
		List<String> errors = new ArrayList<>();
		JsonNode amount = body.get("amount");
		if (amount == null || amount.isNull()) {
			errors.add("amount_required");
		}
		else if (!amount.isIntegralNumber() || !amount.canConvertToLong() || amount.longValue() < 0) {
			errors.add("amount_invalid");
		}
		JsonNode currency = body.get("currency");
		if (currency == null || currency.isNull()) {
			errors.add("currency_required");
		}
		else if (!currency.isString() || !currency.stringValue().matches("[A-Z]{3}")) {
			errors.add("currency_invalid");
		}
		JsonNode reference = body.get("reference");
		if (reference != null && !reference.isNull()
				&& (!reference.isString() || reference.stringValue().length() > 80)) {
			errors.add("reference_invalid");
		}
		return errors;
	}

	private static SimulatorResponse invalid(SimulatorRequest request, List<String> errorCodes) {
		return SimulatorResponse.checkoutError(422, request, "request_invalid", errorCodes);
	}

	private static ObjectNode details(Payment payment, SimulatorRequest request) {
		ObjectNode json = Json.object();
		json.put("id", payment.id());
		json.put("requested_on", payment.requestedOn().toString());
		json.put("amount", payment.amount());
		json.put("currency", payment.currency());
		json.put("payment_type", "Regular");
		json.put("reference", payment.reference());
		json.put("status", payment.status());
		json.put("approved", payment.approved());
		json.set("_links", links(payment, request));
		return json;
	}

	private static ObjectNode created(Payment payment, SimulatorRequest request) {
		ObjectNode json = Json.object();
		json.put("id", payment.id());
		json.put("action_id", Ids.actionId());
		json.put("amount", payment.amount());
		json.put("currency", payment.currency());
		json.put("approved", payment.approved());
		json.put("status", payment.status());
		json.put("response_code", "10000");
		json.put("response_summary", "Approved");
		json.put("reference", payment.reference());
		json.put("processed_on", payment.requestedOn().toString());
		json.set("_links", links(payment, request));
		return json;
	}

	private static ObjectNode links(Payment payment, SimulatorRequest request) {
		ObjectNode links = Json.object();
		links.putObject("self").put("href", "https://" + request.header("Host") + "/payments/" + payment.id());
		return links;
	}

}
