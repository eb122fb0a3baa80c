package io.github.checkoutmtls.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The load check of the reliability issue: 20,000 requests at concurrency 200 through
 * {@code checkoutWebClient} in jwt mode against the simulator, which requires and
 * verifies a certificate-bound token on every request. Reports errors, token fetches
 * against the token lifetime, and the heap after a full GC before and after the run.
 * Exits non-zero when a target is missed.
 */
final class LoadCheck {

	static final String FLAG = "--load";

	private static final int REQUESTS = 20_000;

	private static final int CONCURRENCY = 200;

	private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(20);

	private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofSeconds(2);

	private LoadCheck() {
	}

	static int run() throws Exception {
		BenchPki pki = new BenchPki();
		try (CheckoutMtlsSimulator simulator = CheckoutMtlsSimulator.builder()
			.serverCertificate(pki.ec.server(), pki.ec.serverCa())
			.trustedRoots(pki.ec.root().certificate())
			.client(BenchSimulator.STARTER_CLIENT, null)
			.requireToken(true)
			.tokenLifetime(TOKEN_LIFETIME)
			.start()) {
			simulator.addPayment(BenchSimulator.PAYMENT_ID, "Authorized", 1999, "EUR");
			Map<String, Object> properties = StarterApplication.starterProperties(pki, simulator.apiBaseUrl(),
					simulator.accessBaseUrl(), true);
			properties.put("checkout.mtls.jwt.refresh-before-expiry", REFRESH_BEFORE_EXPIRY.toSeconds() + "s");
			try (ConfigurableApplicationContext context = StarterApplication.start(properties)) {
				return measure(context.getBean("checkoutWebClient", WebClient.class), simulator);
			}
		}
	}

	private static int measure(WebClient client, CheckoutMtlsSimulator simulator) {
		System.out.println("Load check: " + REQUESTS + " requests at concurrency " + CONCURRENCY + ", jwt mode, token"
				+ " lifetime " + TOKEN_LIFETIME.toSeconds() + " s (refresh " + REFRESH_BEFORE_EXPIRY.toSeconds()
				+ " s before expiry), " + Machine.describe() + ", load average " + Machine.loadAverage());
		send(client, 2_000);
		// The simulator runs in this JVM and records every exchange: its records are not
		// the client's heap.
		simulator.clearRecords();
		long heapBefore = usedHeapAfterGc();
		int tokensBefore = simulator.tokenRequests();
		long start = System.nanoTime();
		long errors = send(client, REQUESTS);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		int tokens = simulator.tokenRequests() - tokensBefore;
		simulator.clearRecords();
		long heapAfter = usedHeapAfterGc();
		Duration refreshEvery = TOKEN_LIFETIME.minus(REFRESH_BEFORE_EXPIRY);
		long allowedTokens = elapsed.toMillis() / refreshEvery.toMillis() + 1;
		// Heap after a full GC may wander by a few MB between two measurements: growth is
		// judged above that.
		long allowedHeap = heapBefore + Math.max(heapBefore / 10, 8L << 20);
		System.out.printf("Requests: %d in %.1f s (%.0f req/s), errors: %d%n", REQUESTS, elapsed.toMillis() / 1e3,
				REQUESTS / (elapsed.toMillis() / 1e3), errors);
		System.out.printf("Token fetches during the run: %d (at most %d for one per %d s of token life)%n", tokens,
				allowedTokens, refreshEvery.toSeconds());
		System.out.printf("Heap after full GC: %.1f MB before, %.1f MB after (%+.1f MB)%n", heapBefore / 1048576.0,
				heapAfter / 1048576.0, (heapAfter - heapBefore) / 1048576.0);
		boolean passed = errors == 0 && tokens <= allowedTokens && heapAfter <= allowedHeap;
		System.out.println("Load check: " + (passed ? "PASS" : "MISS"));
		return passed ? 0 : 1;
	}

	private static long send(WebClient client, int requests) {
		AtomicLong errors = new AtomicLong();
		Flux.range(0, requests).flatMap((i) -> StarterApplication.get(client).then().onErrorResume((ex) -> {
			errors.incrementAndGet();
			return Mono.empty();
		}), CONCURRENCY).blockLast(Duration.ofMinutes(10));
		return errors.get();
	}

	private static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}
