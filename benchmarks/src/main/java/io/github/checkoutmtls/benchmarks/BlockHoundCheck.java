package io.github.checkoutmtls.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.ConfigurableApplicationContext;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import reactor.blockhound.BlockHound;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs the starter's request paths with BlockHound installed, which reports any blocking
 * call made on a Netty event loop or a Reactor non-blocking thread: certificate mode, jwt
 * mode from a cold cache (a burst that triggers the token fetch, then cached requests),
 * and a certificate swap. Every blocking call is recorded rather than thrown, so one run
 * lists them all. Exits 1 when one involves the starter's code.
 */
final class BlockHoundCheck {

	private static final String FLAG = "-XX:+AllowRedefinitionToAddDeleteMethods";

	private static final Map<String, String> found = new LinkedHashMap<>();

	private BlockHoundCheck() {
	}

	static int run(List<String> arguments) throws Exception {
		if (!ManagementFactory.getRuntimeMXBean().getInputArguments().contains(FLAG)) {
			// BlockHound redefines JDK classes, which Java 13+ allows only with this
			// flag.
			Process child = new ProcessBuilder(Relaunch.command(List.of(FLAG), arguments)).inheritIO().start();
			return child.waitFor();
		}
		// install(...) also loads the Reactor and Netty integrations that mark their
		// threads non-blocking; BlockHound.builder().install() alone would watch no
		// thread at all
		BlockHound.install((builder) -> builder.blockingMethodCallback((method) -> record(method.toString())));
		selfCheck();
		BenchPki pki = new BenchPki();
		try (CheckoutMtlsSimulator simulator = BenchSimulator.start(pki);
				EchoServer echo = new EchoServer(pki, BenchPki.autoProvider())) {
			// The benchmark's simulator requires tokens, so certificate mode calls the
			// echo server
			exercise(pki, echo.baseUrl(), simulator.accessBaseUrl(), false, "certificate mode, echo server");
			exercise(pki, simulator.apiBaseUrl(), simulator.accessBaseUrl(), true, "jwt mode, simulator");
			exercise(pki, echo.baseUrl(), simulator.accessBaseUrl(), true, "jwt mode, echo server");
		}
		System.out.println();
		if (found.isEmpty()) {
			System.out.println("BlockHound: no blocking call on a non-blocking thread.");
			return 0;
		}
		System.out.println("BlockHound: " + found.size() + " distinct blocking call site(s) on non-blocking threads:");
		found.forEach((site, stack) -> System.out.println("- " + site + "\n" + stack));
		boolean own = found.values()
			.stream()
			.anyMatch((stack) -> stack.contains("io.github.checkoutmtls.") && !stack.lines()
				.allMatch((line) -> !line.contains("io.github.checkoutmtls.") || line.contains(".test.")
						|| line.contains(".benchmarks.")));
		return own ? 1 : 0;
	}

	// Proves the check is live: a sleep on a Reactor non-blocking thread must be reported
	private static void selfCheck() {
		Mono.fromRunnable(() -> {
			try {
				Thread.sleep(1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10));
		synchronized (found) {
			if (found.keySet().stream().noneMatch((site) -> site.contains("sleep"))) {
				throw new IllegalStateException(
						"BlockHound is not active: a sleep on a parallel thread went unnoticed");
			}
			System.out.println("BlockHound self-check: a Thread.sleep on a parallel thread was detected");
			found.clear();
		}
	}

	private static void exercise(BenchPki pki, String api, String access, boolean jwt, String label) {
		System.out.println("BlockHound: " + label);
		try (ConfigurableApplicationContext context = StarterApplication
			.start(StarterApplication.starterProperties(pki, api, access, jwt))) {
			Contender contender = StarterApplication.contender(label, context);
			// Cold: in jwt mode the first requests race for the token fetch
			Flux.range(0, 64).flatMap((i) -> contender.call().get(), 64).blockLast(Duration.ofSeconds(30));
			LoadRunner.runCount(contender, 16, 500);
			// A certificate swap, then requests on the new pool (and, in jwt mode, a new
			// token)
			CheckoutMtlsConnector connector = context.getBean(CheckoutMtlsConnector.class);
			connector.swap(renewedIdentity(pki));
			LoadRunner.runCount(contender, 16, 200);
		}
	}

	private static ClientIdentity renewedIdentity(BenchPki pki) {
		var leaf = pki.ec.issueLeaf(TestPki.DEFAULT_COMMON_NAME, KeyType.EC_P256);
		return ClientIdentity.of(pki.ec.chainFor(leaf), leaf.privateKey(), "renewed");
	}

	private static void record(String method) {
		String thread = Thread.currentThread().getName();
		String stack = Arrays.stream(new Throwable().getStackTrace())
			.skip(2)
			.limit(40)
			.map((frame) -> "    at " + frame)
			.filter((line) -> !line.contains("reactor.blockhound."))
			.collect(Collectors.joining("\n"));
		String site = method + " [" + thread.replaceAll("\\d+", "N") + "] via " + firstInteresting(stack);
		synchronized (found) {
			found.putIfAbsent(site, stack);
		}
	}

	private static String firstInteresting(String stack) {
		List<String> lines = new ArrayList<>(stack.lines().toList());
		return lines.stream()
			.filter((line) -> !line.contains("java.") && !line.contains("jdk.") && !line.contains("sun."))
			.findFirst()
			.orElse("?")
			.trim();
	}

}
