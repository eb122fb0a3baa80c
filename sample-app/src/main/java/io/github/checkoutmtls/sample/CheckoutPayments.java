package io.github.checkoutmtls.sample;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
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

	private final String processingChannelId;

	public CheckoutPayments(@Qualifier("checkoutWebClient") WebClient checkout,
			@Value("${sample.checkout.processing-channel-id:}") String processingChannelId) {
		this.checkout = checkout;
		this.processingChannelId = processingChannelId;
	}

	/**
	 * Requests a payment. Calling again with the same idempotency key (a retry after a timeout, say)
	 * replays Checkout's first answer instead of taking a second payment. The configured processing channel
	 * is added unless the request has one.
	 * @param request the payment to take
	 * @param idempotencyKey one key per payment attempt, the same on every retry of it
	 * @return Checkout's answer: 201 with the processed payment, or 202 with a pending one to redirect
	 */
	public Mono<ResponseEntity<Payment>> create(PaymentRequest request, String idempotencyKey) {
		PaymentRequest complete = (request.processingChannelId() == null && !this.processingChannelId.isEmpty())
				? request.withProcessingChannelId(this.processingChannelId) : request;
		return this.checkout.post()
			.uri("/payments")
			.header("Cko-Idempotency-Key", idempotencyKey)
			.bodyValue(complete)
			.retrieve()
			.toEntity(Payment.class);
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
