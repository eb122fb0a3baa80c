package io.github.checkoutmtls.sample;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

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

import io.github.checkoutmtls.api.CheckoutApiException;
import io.github.checkoutmtls.api.Link;
import io.github.checkoutmtls.api.PaymentDetails;
import io.github.checkoutmtls.api.PaymentRequest;
import io.github.checkoutmtls.api.PaymentResponse;
import io.github.checkoutmtls.diagnostics.CheckoutMtlsHandshakeException;
import io.github.checkoutmtls.pipeline.CheckoutOutcomeUnknownException;
import reactor.core.publisher.Mono;

/**
 * The gateway's HTTP API, mapping Checkout's answers to what its own callers should see.
 * A caller that retries a payment sends the same {@code Idempotency-Key}, which is passed
 * to Checkout as {@code Cko-Idempotency-Key}, so a retry never becomes a second payment.
 */
@RestController
@RequestMapping("/demo/payments")
class PaymentsController {

	private static final Log logger = LogFactory.getLog(PaymentsController.class);

	private final PaymentGateway gateway;

	PaymentsController(PaymentGateway gateway) {
		this.gateway = gateway;
	}

	@PostMapping
	Mono<ResponseEntity<PaymentResponse>> create(@RequestBody PaymentRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
		String key = (idempotencyKey != null) ? idempotencyKey : UUID.randomUUID().toString();
		return this.gateway.create(request, key).map(PaymentsController::forCaller);
	}

	/**
	 * Passes a processed payment on as 201, and a pending one (Checkout's 202 for 3-D
	 * Secure) as 202 with the redirect the customer must follow, so the caller never
	 * takes a pending payment for a made one.
	 */
	private static ResponseEntity<PaymentResponse> forCaller(PaymentResponse payment) {
		if ("Pending".equals(payment.status())) {
			Link redirect = payment.link("redirect");
			ResponseEntity.BodyBuilder accepted = ResponseEntity.accepted();
			return ((redirect != null) ? accepted.location(URI.create(redirect.href())) : accepted).body(payment);
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(payment);
	}

	@GetMapping("/{id}")
	Mono<PaymentDetails> get(@PathVariable String id) {
		return this.gateway.get(id);
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> checkoutAnswered(CheckoutApiException ex) {
		HttpStatus status = switch (ex.getStatusCode()) {
			case 404 -> HttpStatus.NOT_FOUND;
			case 409 -> HttpStatus.CONFLICT;
			case 422 -> HttpStatus.UNPROCESSABLE_ENTITY;
			case 429 -> HttpStatus.TOO_MANY_REQUESTS;
			// Our credentials or Checkout's availability: not the caller's fault.
			default -> HttpStatus.BAD_GATEWAY;
		};
		String requestId = ex.getRequestId();
		String errorType = ex.getErrorType();
		return ResponseEntity.status(status)
			.body(Map.of("checkout_status", ex.getStatusCode(), "checkout_request_id",
					(requestId != null) ? requestId : "", "checkout_error_type", (errorType != null) ? errorType : "",
					"checkout_error_codes", ex.getErrorCodes()));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> outcomeUnknown(CheckoutOutcomeUnknownException ex) {
		// Checkout may have taken the payment: the caller retries with the same
		// Idempotency-Key, or looks it up.
		logger.warn(ex.getMessage());
		return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).body(Map.of("error", "checkout_outcome_unknown"));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> checkoutUnreachable(WebClientRequestException ex) {
		// The diagnosis names our certificate and key file: for our logs, not for our
		// callers.
		logger.error("Calling Checkout failed: " + ex.getMessage());
		String kind = (ex instanceof CheckoutMtlsHandshakeException) ? "mtls_handshake_refused"
				: "checkout_unreachable";
		return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.of("error", kind));
	}

}
