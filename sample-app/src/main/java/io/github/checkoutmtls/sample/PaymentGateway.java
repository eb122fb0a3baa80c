package io.github.checkoutmtls.sample;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import io.github.checkoutmtls.api.PaymentDetails;
import io.github.checkoutmtls.api.PaymentRequest;
import io.github.checkoutmtls.api.PaymentResponse;
import io.github.checkoutmtls.api.ReactiveCheckoutPayments;
import reactor.core.publisher.Mono;

/**
 * Takes and reads payments through the starter's typed {@link ReactiveCheckoutPayments}:
 * Checkout's field names, the client certificate, the base URL and (in jwt mode) the
 * bearer token are already in place.
 */
@Service
public class PaymentGateway {

	private final ReactiveCheckoutPayments payments;

	private final String processingChannelId;

	public PaymentGateway(ReactiveCheckoutPayments payments,
			@Value("${sample.checkout.processing-channel-id:}") String processingChannelId) {
		this.payments = payments;
		this.processingChannelId = processingChannelId;
	}

	/**
	 * Requests a payment. Calling again with the same idempotency key (a retry after a
	 * timeout, say) replays Checkout's first answer instead of taking a second payment.
	 * The configured processing channel is added unless the request has one.
	 * @param request the payment to take
	 * @param idempotencyKey one key per payment attempt, the same on every retry of it
	 * @return Checkout's answer: the processed payment, or a {@code Pending} one to
	 * redirect
	 */
	public Mono<PaymentResponse> create(PaymentRequest request, @Nullable String idempotencyKey) {
		PaymentRequest complete = (request.processingChannelId() == null && !this.processingChannelId.isEmpty())
				? request.withProcessingChannelId(this.processingChannelId) : request;
		return this.payments.requestPayment(complete, idempotencyKey);
	}

	/**
	 * Reads a payment.
	 * @param id the payment id
	 * @return the payment
	 */
	public Mono<PaymentDetails> get(String id) {
		return this.payments.getPaymentDetails(id);
	}

}
