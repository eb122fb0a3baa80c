package io.github.checkoutmtls.sample;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;

/**
 * Calls Checkout's payments API through the starter's {@code checkoutWebClient}: the base URL, client
 * certificate and (in jwt mode) bearer token are already in place.
 */
@Service
public class CheckoutPayments {

	private final WebClient checkout;

	public CheckoutPayments(@Qualifier("checkoutWebClient") WebClient checkout) {
		this.checkout = checkout;
	}

	/**
	 * Requests a payment. Calling again with the same idempotency key (a retry after a timeout, say)
	 * replays Checkout's first answer instead of taking a second payment.
	 * @param request the payment to take
	 * @param idempotencyKey one key per payment attempt, the same on every retry of it
	 * @return the payment Checkout created
	 */
	public Mono<Payment> create(PaymentRequest request, String idempotencyKey) {
		return this.checkout.post()
			.uri("/payments")
			.header("Cko-Idempotency-Key", idempotencyKey)
			.bodyValue(request)
			.retrieve()
			.bodyToMono(Payment.class);
	}

	/**
	 * Reads a payment.
	 * @param id the payment id
	 * @return the payment
	 */
	public Mono<Payment> get(String id) {
		return this.checkout.get().uri("/payments/{id}", id).retrieve().bodyToMono(Payment.class);
	}

}
