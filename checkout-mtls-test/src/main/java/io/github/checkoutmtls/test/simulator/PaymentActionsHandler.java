package io.github.checkoutmtls.test.simulator;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /payments/{id}/captures}, {@code /refunds} and {@code /voids}, each answering 202 with an
 * {@code action_id} once the payment's state allows it. The body is optional; its {@code amount} defaults
 * to everything available.
 *
 * <ul>
 * <li>capture: only {@code Authorized}, at most the authorized amount; the payment becomes
 * {@code Captured}, with the captured amount;</li>
 * <li>refund: only {@code Captured} or {@code Partially Refunded}, at most what was captured and not yet
 * refunded; the payment becomes {@code Partially Refunded} or {@code Refunded};</li>
 * <li>void: only {@code Authorized}; the payment becomes {@code Voided}.</li>
 * </ul>
 * An action the payment's state does not allow gets 403 with {@code error_type} {@code action_not_allowed}
 * and {@code payment_not_capturable}, {@code payment_not_refundable} or {@code payment_not_voidable}; an
 * amount above what is available gets 422 {@code amount_exceeds_balance}; an unknown payment gets 404.
 */
final class PaymentActionsHandler {

	private static final Set<String> REFUNDABLE = Set.of(Payment.CAPTURED, Payment.PARTIALLY_REFUNDED);

	private final PaymentStore store;

	PaymentActionsHandler(PaymentStore store) {
		this.store = store;
	}

	void register(RouteTable routes) {
		routes.add("POST", "/payments/{id}/captures", this::capture);
		routes.add("POST", "/payments/{id}/refunds", this::refund);
		routes.add("POST", "/payments/{id}/voids", this::voidPayment);
	}

	Mono<SimulatorResponse> capture(SimulatorRequest request) {
		return act(request, "payment_not_capturable", (payment) -> Payment.AUTHORIZED.equals(payment.status()),
				Payment::amount, Payment::captured);
	}

	Mono<SimulatorResponse> refund(SimulatorRequest request) {
		return act(request, "payment_not_refundable", (payment) -> REFUNDABLE.contains(payment.status()),
				Payment::refundableAmount, Payment::refunded);
	}

	Mono<SimulatorResponse> voidPayment(SimulatorRequest request) {
		return act(request, "payment_not_voidable", (payment) -> Payment.AUTHORIZED.equals(payment.status()),
				Payment::amount, (payment, amount) -> payment.voided());
	}

	private Mono<SimulatorResponse> act(SimulatorRequest request, String notAllowed, Rule allowed,
			Available available, Change change) {
		JsonNode body = RequestBodies.optionalObject(request.body());
		if (body == null) {
			return Mono.just(RequestBodies.invalid(request, List.of("request_body_malformed")));
		}
		JsonNode amount = body.get("amount");
		boolean amountGiven = amount != null && !amount.isNull();
		if (amountGiven && !RequestBodies.isAmount(amount, 1)) {
			return Mono.just(RequestBodies.invalid(request, List.of("amount_invalid")));
		}
		if (!RequestBodies.isReference(body.get("reference"))) {
			return Mono.just(RequestBodies.invalid(request, List.of("reference_invalid")));
		}
		String reference = RequestBodies.text(body, "reference");
		AtomicReference<SimulatorResponse> answer = new AtomicReference<>();
		this.store.update(request.pathVariable("id"), (payment) -> {
			if (!allowed.test(payment)) {
				answer.set(SimulatorResponse.checkoutError(403, request, "action_not_allowed", List.of(notAllowed)));
				return payment;
			}
			long requested = amountGiven ? amount.longValue() : available.of(payment);
			if (requested > available.of(payment)) {
				answer.set(RequestBodies.invalid(request, List.of("amount_exceeds_balance")));
				return payment;
			}
			Payment changed = change.apply(payment, requested);
			answer.set(SimulatorResponse.json(202, PaymentJson.action(changed, reference, request)));
			return changed;
		});
		return Mono.just((answer.get() != null) ? answer.get() : SimulatorResponse.empty(404));
	}

	@FunctionalInterface
	private interface Rule {

		boolean test(Payment payment);

	}

	@FunctionalInterface
	private interface Available {

		long of(Payment payment);

	}

	@FunctionalInterface
	private interface Change {

		Payment apply(Payment payment, long amount);

	}

}
