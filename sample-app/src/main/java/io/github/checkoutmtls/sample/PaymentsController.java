package io.github.checkoutmtls.sample;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import io.github.checkoutmtls.diagnostics.CheckoutMtlsHandshakeException;
import reactor.core.publisher.Mono;

/**
 * The gateway's HTTP API, mapping Checkout's answers to what its own callers should see. A caller that
 * retries a payment sends the same {@code Idempotency-Key}, which is passed to Checkout as
 * {@code Cko-Idempotency-Key}, so a retry never becomes a second payment.
 */
@RestController
@RequestMapping("/demo/payments")
class PaymentsController {

	private static final Log logger = LogFactory.getLog(PaymentsController.class);

	private final CheckoutPayments payments;

	PaymentsController(CheckoutPayments payments) {
		this.payments = payments;
	}

	@PostMapping
	Mono<ResponseEntity<Payment>> create(@RequestBody PaymentRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		String key = (idempotencyKey != null) ? idempotencyKey : UUID.randomUUID().toString();
		return this.payments.create(request, key).map(PaymentsController::forCaller);
	}

	/**
	 * Passes Checkout's 201 on as 201, and its 202 (3-D Secure pending) as 202 with the redirect the customer
	 * must follow, so the caller never takes a pending payment for a made one.
	 */
	private static ResponseEntity<Payment> forCaller(ResponseEntity<Payment> answer) {
		Payment payment = answer.getBody();
		if (answer.getStatusCode().value() == HttpStatus.ACCEPTED.value()) {
			String redirect = payment.redirectUrl();
			ResponseEntity.BodyBuilder accepted = ResponseEntity.accepted();
			return ((redirect != null) ? accepted.location(URI.create(redirect)) : accepted).body(payment);
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(payment);
	}

	@GetMapping("/{id}")
	Mono<Payment> get(@PathVariable String id) {
		return this.payments.get(id);
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> checkoutAnswered(WebClientResponseException ex) {
		String requestId = ex.getHeaders().getFirst("Cko-Request-Id");
		HttpStatus status = switch (ex.getStatusCode().value()) {
			case 404 -> HttpStatus.NOT_FOUND;
			case 409 -> HttpStatus.CONFLICT;
			case 422 -> HttpStatus.UNPROCESSABLE_ENTITY;
			case 429 -> HttpStatus.TOO_MANY_REQUESTS;
			// Our credentials or Checkout's availability: not the caller's fault.
			default -> HttpStatus.BAD_GATEWAY;
		};
		return ResponseEntity.status(status)
			.body(Map.of("checkout_status", ex.getStatusCode().value(), "checkout_request_id",
					(requestId != null) ? requestId : "", "checkout_error", ex.getResponseBodyAsString()));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> checkoutUnreachable(WebClientRequestException ex) {
		// The diagnosis names our certificate and key file: for our logs, not for our callers.
		logger.error("Calling Checkout failed: " + ex.getMessage());
		String kind = (ex instanceof CheckoutMtlsHandshakeException) ? "mtls_handshake_refused" : "checkout_unreachable";
		return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.of("error", kind));
	}

}
