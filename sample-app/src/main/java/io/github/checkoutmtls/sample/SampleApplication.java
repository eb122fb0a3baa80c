package io.github.checkoutmtls.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small payments gateway that calls Checkout.com over mutual TLS through the starter's
 * typed {@code ReactiveCheckoutPayments}. Without a profile it runs against the embedded
 * Checkout simulator; the {@code sandbox} profile takes real settings from environment
 * variables.
 */
@SpringBootApplication
public class SampleApplication {

	/**
	 * Runs the gateway.
	 * @param args the program arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
