package io.github.checkoutmtls.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.sun.management.ThreadMXBean;

/**
 * The pipeline's cost measured the way a noisy machine allows: the four clients of one
 * context take turns, round after round, in the same JVM and on the same thread, and each
 * round's checkout/plain ratio of CPU time per request is taken before the median. A
 * change of load between rounds moves both sides of a ratio alike, which JMH's trials,
 * run one after the other, cannot promise.
 */
final class Interleaved {

	private static final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	private Interleaved() {
	}

	static void run(String mode, PipelineBenchmark.Clients clients, int rounds, int requests, Results results) {
		rounds(mode, clients, rounds, requests).forEach((label, perRound) -> report(label, perRound, rounds, results));
	}

	/**
	 * Runs the rounds: in each, the plain and checkout client of each style, one after
	 * the other, the order alternating from round to round so that neither side always
	 * follows the other.
	 * @return each client's label and its rounds, each {checkout/plain CPU time, plain
	 * CPU ns/op, checkout CPU ns/op}
	 */
	static Map<String, List<double[]>> rounds(String mode, PipelineBenchmark.Clients clients, int rounds,
			int requests) {
		List<double[]> webClient = new ArrayList<>();
		List<double[]> restClient = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			boolean plainFirst = (round % 2 == 0);
			webClient.add(pair(() -> PipelineBenchmark.get(clients.plainWebClient),
					() -> PipelineBenchmark.get(clients.checkoutWebClient), requests, plainFirst));
			restClient.add(pair(() -> PipelineBenchmark.get(clients.plainRestClient),
					() -> PipelineBenchmark.get(clients.checkoutRestClient), requests, plainFirst));
		}
		Map<String, List<double[]>> byClient = new LinkedHashMap<>();
		byClient.put("checkoutWebClient, " + mode, webClient);
		byClient.put("checkoutRestClient, " + mode, restClient);
		return byClient;
	}

	// {checkout/plain CPU time, plain CPU ns/op, checkout CPU ns/op}
	private static double[] pair(Supplier<String> plain, Supplier<String> checkout, int requests, boolean plainFirst) {
		double plainCpu;
		double checkoutCpu;
		if (plainFirst) {
			plainCpu = cpuPerRequest(plain, requests);
			checkoutCpu = cpuPerRequest(checkout, requests);
		}
		else {
			checkoutCpu = cpuPerRequest(checkout, requests);
			plainCpu = cpuPerRequest(plain, requests);
		}
		return new double[] { checkoutCpu / plainCpu, plainCpu, checkoutCpu };
	}

	private static double cpuPerRequest(Supplier<String> client, int requests) {
		long start = threads.getCurrentThreadCpuTime();
		for (int i = 0; i < requests; i++) {
			client.get();
		}
		return (double) (threads.getCurrentThreadCpuTime() - start) / requests;
	}

	private static void report(String label, List<double[]> rounds, int count, Results results) {
		double ratio = Stats.median(rounds.stream().map((round) -> round[0]).toList());
		double plain = Stats.median(rounds.stream().map((round) -> round[1]).toList());
		double checkout = Stats.median(rounds.stream().map((round) -> round[2]).toList());
		results.add("5", label + ": CPU time per request / plain client, interleaved (median of " + count + " rounds)",
				String.format("%.3f (%.0f vs %.0f ns/op)", ratio, checkout, plain), "<= 1.03", ratio <= 1.03);
		results.startupHeadline(
				String.format("interleaved %-23s CPU time x%.3f (%.0f vs %.0f ns/op)", label, ratio, checkout, plain));
	}

}
