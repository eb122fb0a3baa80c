package io.github.checkoutmtls.sample;

import java.time.Duration;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import io.github.checkoutmtls.api.PaymentDetails;
import io.github.checkoutmtls.api.PaymentRequest;
import io.github.checkoutmtls.api.PaymentResponse;
import io.github.checkoutmtls.api.PaymentSource;

/**
 * Takes one demo payment at startup and reads it back, logging the round trip over mutual
 * TLS.
 */
@Component
@ConditionalOnBooleanProperty("sample.demo-payment")
class DemoPayment implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(DemoPayment.class);

	private final PaymentGateway gateway;

	DemoPayment(PaymentGateway gateway) {
		this.gateway = gateway;
	}

	@Override
	public void run(ApplicationArguments args) {
		long start = System.nanoTime();
		PaymentRequest request = PaymentRequest.of(PaymentSource.token("tok_demo"), 1999, "EUR", "demo-order-1");
		PaymentResponse created = this.gateway.create(request, UUID.randomUUID().toString())
			.block(Duration.ofSeconds(65));
		PaymentDetails read = this.gateway.get(created.id()).block(Duration.ofSeconds(65));
		logger
			.info("Demo payment over mutual TLS: created " + created.id() + " (" + created.status() + "), read back as "
					+ read.status() + " in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
	}

}
