package io.github.checkoutmtls.benchmarks;

import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;

/**
 * The Checkout simulator, set up for the token-related measurements: it requires
 * certificate-bound tokens and knows one client per contender, each authenticating the
 * way that contender can.
 */
final class BenchSimulator {

	static final String STARTER_CLIENT = "bench-starter";

	static final String DIY_CLIENT = "bench-diy";

	static final String DIY_SECRET = "diy-secret";

	static final String SDK_CLIENT = "bench-sdk";

	static final String SDK_SECRET = "sdk-secret";

	static final String PAYMENT_ID = "pay_bench";

	private BenchSimulator() {
	}

	static CheckoutMtlsSimulator start(BenchPki pki) {
		CheckoutMtlsSimulator simulator = CheckoutMtlsSimulator.builder()
			.serverCertificate(pki.ec.server(), pki.ec.serverCa())
			.trustedRoots(pki.ec.root().certificate())
			.registeredCommonName(TestPki.DEFAULT_COMMON_NAME)
			// tls_client_auth, the starter's default without a secret
			.client(STARTER_CLIENT, null)
			// Spring Security's and the SDK's token clients always send a secret
			.client(DIY_CLIENT, DIY_SECRET)
			.client(SDK_CLIENT, SDK_SECRET)
			.requireToken(true)
			.start();
		simulator.addPayment(PAYMENT_ID, "Authorized", 1999, "EUR");
		return simulator;
	}

}
