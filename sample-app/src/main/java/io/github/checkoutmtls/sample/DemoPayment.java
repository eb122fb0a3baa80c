package io.github.checkoutmtls.sample;

import java.time.Duration;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Takes one demo payment at startup and reads it back, logging the round trip over mutual TLS.
 */
@Component
@ConditionalOnBooleanProperty("sample.demo-payment")
class DemoPayment implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(DemoPayment.class);

	private final CheckoutPayments payments;

	DemoPayment(CheckoutPayments payments) {
		this.payments = payments;
	}

	@Override
	public void run(ApplicationArguments args) {
		long start = System.nanoTime();
		PaymentRequest request = new PaymentRequest(1999, "EUR", "demo-order-1",
				PaymentRequest.PaymentSource.token("tok_demo"));
		Payment created = this.payments.create(request, UUID.randomUUID().toString())
			.block(Duration.ofSeconds(65))
			.getBody();
		Payment read = this.payments.get(created.id()).block(Duration.ofSeconds(65));
		logger.info("Demo payment over mutual TLS: created " + created.id() + " (" + created.status()
				+ "), read back as " + read.status() + " in " + Duration.ofNanos(System.nanoTime() - start).toMillis()
				+ " ms");
	}

}
