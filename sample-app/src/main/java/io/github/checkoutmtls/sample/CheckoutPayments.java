package io.github.checkoutmtls.sample;

import java.util.UUID;

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
	 * Requests a payment. The idempotency key makes a retry of the same request safe.
	 * @param request the payment to take
	 * @return the payment Checkout created
	 */
	public Mono<Payment> create(PaymentRequest request) {
		return this.checkout.post()
			.uri("/payments")
			.header("Cko-Idempotency-Key", UUID.randomUUID().toString())
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
