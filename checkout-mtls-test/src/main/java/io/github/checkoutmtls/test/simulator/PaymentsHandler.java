package io.github.checkoutmtls.test.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /payments} and {@code GET /payments/{id}}, answering with the fields of Checkout's payment
 * responses that clients usually read.
 *
 * <p>The outcome of {@code POST /payments} follows from the amount's last two digits, in minor units:
 * <ul>
 * <li>{@code 02} (for example 1002): 202 {@code Pending}, with a {@code _links.redirect} as for 3-D
 * Secure;</li>
 * <li>{@code 05} (for example 1005): 201 {@code Declined}, {@code "approved": false}, response code
 * {@code 20005};</li>
 * <li>anything else: 201 {@code Authorized}, {@code "approved": true}.</li>
 * </ul>
 * A body without a non-negative integer {@code amount}, a three-letter upper-case {@code currency} or with a
 * {@code reference} longer than 80 characters gets 422 {@code request_invalid}.
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
			.map((payment) -> SimulatorResponse.json(200, PaymentJson.details(payment, request)))
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
		String status = status(amount);
		Payment payment = this.store.put(new Payment(Ids.paymentId(), status, amount,
				body.get("currency").stringValue(), RequestBodies.text(body, "reference"),
				!Payment.PENDING.equals(status) && !Payment.DECLINED.equals(status), Instant.now()));
		if (Payment.PENDING.equals(status)) {
			return Mono.just(SimulatorResponse.json(202, PaymentJson.pending(payment, request)));
		}
		return Mono.just(SimulatorResponse.json(201, PaymentJson.processed(payment, request)));
	}

	private static String status(long amount) {
		return switch ((int) (amount % 100)) {
			case 2 -> Payment.PENDING;
			case 5 -> Payment.DECLINED;
			default -> Payment.AUTHORIZED;
		};
	}

	private static List<String> validate(JsonNode body) {
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
		if (!RequestBodies.isReference(body.get("reference"))) {
			errors.add("reference_invalid");
		}
		return errors;
	}

}
