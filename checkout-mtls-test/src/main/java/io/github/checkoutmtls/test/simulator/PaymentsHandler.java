package io.github.checkoutmtls.test.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.checkoutmtls.test.simulator.SandboxAmounts.Result;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /payments}, {@code GET /payments/{id}} and {@code GET
 * /payments/{id}/actions}, answering with the fields of Checkout's payment responses that
 * clients usually read (API reference).
 *
 * <p>
 * {@code POST /payments} needs an integer {@code amount} of at least 0, a three-letter
 * {@code currency}, a {@code source} object ({@code payment_source_required} otherwise),
 * a {@code reference} of at most 50 characters if any, and, when the builder asks for it,
 * a {@code processing_channel_id}; else 422 {@code request_invalid} listing what is
 * wrong. Then:
 * <ul>
 * <li>{@code "3ds": {"enabled": true}}: 202 {@code Pending} with
 * {@code _links.redirect};</li>
 * <li>amount 0: 201 {@code Card Verified};</li>
 * <li>otherwise 201 {@code Authorized}, or {@code Declined} for the {@link SandboxAmounts
 * sandbox amounts}.</li>
 * </ul>
 */
final class PaymentsHandler {

	private final PaymentStore store;

	private final boolean requireProcessingChannel;

	PaymentsHandler(PaymentStore store, boolean requireProcessingChannel) {
		this.store = store;
		this.requireProcessingChannel = requireProcessingChannel;
	}

	void register(RouteTable routes) {
		routes.add("GET", "/payments/{id}", this::get);
		routes.add("GET", "/payments/{id}/actions", this::actions);
		routes.add("POST", "/payments", this::create);
	}

	Mono<SimulatorResponse> get(SimulatorRequest request) {
		return Mono.just(this.store.find(request.pathVariable("id"))
			.map((payment) -> SimulatorResponse.json(200, PaymentJson.details(payment, request)))
			.orElseGet(() -> SimulatorResponse.empty(404)));
	}

	Mono<SimulatorResponse> actions(SimulatorRequest request) {
		Instant now = this.store.now();
		return Mono.just(this.store.stored(request.pathVariable("id"))
			.map((payment) -> SimulatorResponse.json(200, PaymentJson.actions(payment.actionsAt(now))))
			.orElseGet(() -> SimulatorResponse.empty(404)));
	}

	Mono<SimulatorResponse> create(SimulatorRequest request) {
		JsonNode body = RequestBodies.object(request.body());
		if (body == null) {
			return Mono.just(RequestBodies.invalid(request, List.of("request_body_malformed")));
		}
		List<String> errors = validate(body);
		if (!errors.isEmpty()) {
			return Mono.just(RequestBodies.invalid(request, errors));
		}
		long amount = body.get("amount").longValue();
		Instant now = this.store.now();
		String currency = body.get("currency").stringValue();
		String reference = RequestBodies.text(body, "reference");
		if (threeDsRequested(body)) {
			Payment payment = new Payment(Ids.paymentId(), Payment.PENDING, amount, currency, reference, false, now);
			this.store.put(new StoredPayment(payment, null, List.of()));
			return Mono.just(SimulatorResponse.json(202, PaymentJson.pending(payment, request)));
		}
		Result result = (amount == 0) ? SandboxAmounts.APPROVED : SandboxAmounts.of(amount, currency);
		String status = (amount == 0) ? Payment.CARD_VERIFIED
				: result.approved() ? Payment.AUTHORIZED : Payment.DECLINED;
		Payment payment = new Payment(Ids.paymentId(), status, amount, currency, reference, result.approved(), now);
		String type = (amount == 0) ? SimulatedAction.CARD_VERIFICATION : SimulatedAction.AUTHORIZATION;
		SimulatedAction authorization = new SimulatedAction(Ids.actionId(), type, amount, reference, now,
				result.approved(), result.code(), result.summary());
		this.store.put(new StoredPayment(payment, authorization, List.of()));
		return Mono.just(SimulatorResponse.json(201, PaymentJson.processed(payment, authorization, request)));
	}

	private static boolean threeDsRequested(JsonNode body) {
		JsonNode threeDs = body.get("3ds");
		return threeDs != null && threeDs.isObject() && threeDs.path("enabled").asBoolean(false);
	}

	private List<String> validate(JsonNode body) {
		List<String> errors = new ArrayList<>();
		JsonNode amount = body.get("amount");
		if (amount == null || amount.isNull()) {
			errors.add("amount_required");
		}
		else if (!RequestBodies.isAmount(amount, 0)) {
			errors.add("amount_invalid");
		}
		JsonNode currency = body.get("currency");
		if (currency == null || currency.isNull()) {
			errors.add("currency_required");
		}
		else if (!currency.isString() || !currency.stringValue().matches("[A-Z]{3}")) {
			errors.add("currency_invalid");
		}
		JsonNode source = body.get("source");
		if (source == null || !source.isObject()) {
			errors.add("payment_source_required");
		}
		if (!RequestBodies.isReference(body.get("reference"))) {
			errors.add("reference_invalid");
		}
		if (this.requireProcessingChannel && RequestBodies.text(body, "processing_channel_id") == null) {
			errors.add("processing_channel_id_required");
		}
		return errors;
	}

}
