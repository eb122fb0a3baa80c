package io.github.checkoutmtls.api;

import java.util.List;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

import reactor.core.publisher.Mono;

/**
 * Checkout's payments API, reactive: for WebFlux applications. Every call goes over the
 * mTLS connection of {@code checkoutWebClient}; an error status fails the {@code Mono}
 * with {@link CheckoutApiException}.
 *
 * <p>
 * The {@code idempotencyKey} of a state-changing call is sent as
 * {@code Cko-Idempotency-Key}, which Checkout honours on these endpoints and keeps for 24
 * hours (docs "Idempotency", Jan 2026): a repeat with the same key returns the first
 * answer instead of acting twice. Pass your own (an order or refund id) to make your own
 * retries safe; {@code null} lets the starter generate one that its retries reuse.
 */
@HttpExchange(url = "/payments", accept = "application/json")
public interface ReactiveCheckoutPayments {

	/**
	 * Requests a payment: {@code POST /payments}.
	 * @param request the payment
	 * @param idempotencyKey the idempotency key, or {@code null}
	 * @return Checkout's answer, processed (201) or pending (202)
	 */
	@PostExchange(contentType = "application/json")
	Mono<PaymentResponse> requestPayment(@RequestBody PaymentRequest request,
			@RequestHeader(name = "Cko-Idempotency-Key", required = false) String idempotencyKey);

	/**
	 * Returns a payment's details: {@code GET /payments/{id}}.
	 * @param id the payment id
	 * @return the details
	 */
	@GetExchange("/{id}")
	Mono<PaymentDetails> getPaymentDetails(@PathVariable String id);

	/**
	 * Returns a payment's actions: {@code GET /payments/{id}/actions}.
	 * @param id the payment id
	 * @return the actions, newest first as Checkout orders them
	 */
	@GetExchange("/{id}/actions")
	Mono<List<PaymentAction>> getPaymentActions(@PathVariable String id);

	/**
	 * Captures a payment: {@code POST /payments/{id}/captures}.
	 * @param id the payment id
	 * @param request the amount and reference, or {@code null} for the full amount
	 * @param idempotencyKey the idempotency key, or {@code null}
	 * @return the accepted action
	 */
	@PostExchange(url = "/{id}/captures", contentType = "application/json")
	Mono<ActionResponse> capturePayment(@PathVariable String id, @RequestBody(required = false) ActionRequest request,
			@RequestHeader(name = "Cko-Idempotency-Key", required = false) String idempotencyKey);

	/**
	 * Refunds a captured payment: {@code POST /payments/{id}/refunds}.
	 * @param id the payment id
	 * @param request the amount and reference, or {@code null} for everything refundable
	 * @param idempotencyKey the idempotency key, or {@code null}
	 * @return the accepted action
	 */
	@PostExchange(url = "/{id}/refunds", contentType = "application/json")
	Mono<ActionResponse> refundPayment(@PathVariable String id, @RequestBody(required = false) ActionRequest request,
			@RequestHeader(name = "Cko-Idempotency-Key", required = false) String idempotencyKey);

	/**
	 * Voids an authorized payment: {@code POST /payments/{id}/voids}.
	 * @param id the payment id
	 * @param request the reference, or {@code null}
	 * @param idempotencyKey the idempotency key, or {@code null}
	 * @return the accepted action
	 */
	@PostExchange(url = "/{id}/voids", contentType = "application/json")
	Mono<ActionResponse> voidPayment(@PathVariable String id, @RequestBody(required = false) ActionRequest request,
			@RequestHeader(name = "Cko-Idempotency-Key", required = false) String idempotencyKey);

	/**
	 * Increases the authorized amount of a payment: {@code POST
	 * /payments/{id}/authorizations}.
	 * @param id the payment id
	 * @param request the additional amount and reference
	 * @param idempotencyKey the idempotency key, or {@code null}
	 * @return Checkout's answer
	 */
	@PostExchange(url = "/{id}/authorizations", contentType = "application/json")
	Mono<PaymentResponse> incrementAuthorization(@PathVariable String id, @RequestBody ActionRequest request,
			@RequestHeader(name = "Cko-Idempotency-Key", required = false) String idempotencyKey);

	/**
	 * Cancels a payment: {@code POST /payments/{id}/cancellations}.
	 * @param id the payment id
	 * @param request the reference, or {@code null}
	 * @param idempotencyKey the idempotency key, or {@code null}
	 * @return the accepted action
	 */
	@PostExchange(url = "/{id}/cancellations", contentType = "application/json")
	Mono<ActionResponse> cancelPayment(@PathVariable String id, @RequestBody(required = false) ActionRequest request,
			@RequestHeader(name = "Cko-Idempotency-Key", required = false) String idempotencyKey);

}
