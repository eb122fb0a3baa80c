package io.github.checkoutmtls.test.simulator;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /payments/{id}/captures}, {@code /refunds} and {@code /voids}, each
 * answering 202 with an {@code action_id} when the payment allows it (API reference). The
 * action is processed asynchronously (202 Accepted, API reference): the payment changes
 * once the builder's action processing time has passed. The body is optional; its
 * {@code amount} defaults to everything available.
 *
 * <ul>
 * <li>capture: {@code Authorized} or {@code Partially Captured}, up to what is not
 * captured yet; the payment becomes {@code Partially Captured} or {@code Captured};</li>
 * <li>refund: {@code Captured}, {@code Partially Captured} or {@code Partially Refunded},
 * up to what was captured and not yet refunded; the payment becomes
 * {@code Partially Refunded} or {@code Refunded};</li>
 * <li>void: only {@code Authorized}; the payment becomes {@code Voided}.</li>
 * </ul>
 * The rules count actions accepted but not yet processed. An action the payment does not
 * allow gets 403 (a body only if the builder asks for one: Checkout documents none); an
 * amount above what is available gets 422 {@code amount_exceeds_balance}; an unknown
 * payment gets 404.
 */
final class PaymentActionsHandler {

	private static final Set<String> CAPTURABLE = Set.of(Payment.AUTHORIZED, Payment.PARTIALLY_CAPTURED);

	private static final Set<String> REFUNDABLE = Set.of(Payment.CAPTURED, Payment.PARTIALLY_CAPTURED,
			Payment.PARTIALLY_REFUNDED);

	private final PaymentStore store;

	private final boolean refusalBodies;

	PaymentActionsHandler(PaymentStore store, boolean refusalBodies) {
		this.store = store;
		this.refusalBodies = refusalBodies;
	}

	void register(RouteTable routes) {
		routes.add("POST", "/payments/{id}/captures", this::capture);
		routes.add("POST", "/payments/{id}/refunds", this::refund);
		routes.add("POST", "/payments/{id}/voids", this::voidPayment);
	}

	Mono<SimulatorResponse> capture(SimulatorRequest request) {
		return act(request, SimulatedAction.CAPTURE, "payment_not_capturable", CAPTURABLE,
				(payment) -> payment.amount() - payment.capturedAmount());
	}

	Mono<SimulatorResponse> refund(SimulatorRequest request) {
		return act(request, SimulatedAction.REFUND, "payment_not_refundable", REFUNDABLE, Payment::refundableAmount);
	}

	Mono<SimulatorResponse> voidPayment(SimulatorRequest request) {
		return act(request, SimulatedAction.VOID, "payment_not_voidable", Set.of(Payment.AUTHORIZED), Payment::amount);
	}

	private Mono<SimulatorResponse> act(SimulatorRequest request, String type, String notAllowed, Set<String> allowed,
			Available available) {
		JsonNode body = RequestBodies.optionalObject(request.body());
		if (body == null) {
			return Mono.just(RequestBodies.invalid(request, List.of("request_body_malformed")));
		}
		JsonNode amount = body.get("amount");
		boolean amountGiven = amount != null && !amount.isNull() && !SimulatedAction.VOID.equals(type);
		if (amountGiven && !RequestBodies.isAmount(amount, 1)) {
			return Mono.just(RequestBodies.invalid(request, List.of("amount_invalid")));
		}
		if (!RequestBodies.isReference(body.get("reference"))) {
			return Mono.just(RequestBodies.invalid(request, List.of("reference_invalid")));
		}
		String reference = RequestBodies.text(body, "reference");
		AtomicReference<SimulatorResponse> answer = new AtomicReference<>();
		boolean found = this.store.update(request.pathVariable("id"), (stored) -> {
			Payment payment = stored.accepted();
			if (!allowed.contains(payment.status())) {
				answer.set(refused(request, notAllowed));
				return stored;
			}
			long requested = amountGiven ? amount.longValue() : available.of(payment);
			if (requested > available.of(payment)) {
				answer.set(RequestBodies.invalid(request, List.of("amount_exceeds_balance")));
				return stored;
			}
			SimulatedAction action = SimulatedAction.approved(type, requested, reference, this.store.processedOn());
			answer.set(SimulatorResponse.json(202, PaymentJson.action(payment, action, request)));
			return stored.with(action);
		});
		return Mono.just(found ? answer.get() : SimulatorResponse.empty(404));
	}

	private SimulatorResponse refused(SimulatorRequest request, String notAllowed) {
		return this.refusalBodies
				? SimulatorResponse.checkoutError(403, request, "action_not_allowed", List.of(notAllowed))
				: SimulatorResponse.empty(403);
	}

	@FunctionalInterface
	private interface Available {

		long of(Payment payment);

	}

}
