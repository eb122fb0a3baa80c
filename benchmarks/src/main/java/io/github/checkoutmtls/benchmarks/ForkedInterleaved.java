package io.github.checkoutmtls.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline's in-process cost (goal 2) with the variance between JVMs taken out: in
 * each of several fresh JVMs, the four clients of a mode take turns round after round
 * ({@link Interleaved}), so each round's checkout/plain ratio of CPU time per request
 * compares two clients under the same JIT decisions; the rounds of all JVMs are pooled.
 * JMH's forks each measure one client, so a fork whose JIT inlined differently moves one
 * side only: on this machine the fork means of one client spread by up to 25 %.
 */
final class ForkedInterleaved {

	static final String FLAG = "--interleaved";

	static final String FORK_PROPERTY = "bench.interleaved.fork";

	private static final String PREFIX = "INTERLEAVED-RATIOS\t";

	private static final int DEFAULT_FORKS = 8;

	private static final int DEFAULT_ROUNDS = 15;

	// About 25 ms per client and round.
	private static final int REQUESTS = 4_000;

	private ForkedInterleaved() {
	}

	static int run(List<String> arguments) throws Exception {
		int forks = Forks.option(arguments, "--forks", DEFAULT_FORKS);
		int rounds = Forks.option(arguments, "--rounds", DEFAULT_ROUNDS);
		if (Boolean.getBoolean(FORK_PROPERTY)) {
			measure(rounds);
			return 0;
		}
		System.out.println("In-process pipeline cost, clients taking turns, in " + forks + " fresh JVMs of " + rounds
				+ " rounds of " + REQUESTS + " requests per client: " + Machine.describe());
		long started = System.nanoTime();
		Map<String, List<List<Double>>> ratios = new LinkedHashMap<>();
		for (int fork = 1; fork <= forks; fork++) {
			List<String> command = Relaunch.command(List.of("-D" + FORK_PROPERTY + "=true"),
					List.of(FLAG, "--rounds", Integer.toString(rounds)));
			Forks.run(command, PREFIX, 1, (line) -> false, fork)
				.forEach((key, values) -> ratios.computeIfAbsent(key, (k) -> new ArrayList<>()).add(values));
			System.out.printf("  fork %d done (%.0f s so far, load %s)%n", fork, (System.nanoTime() - started) / 1e9,
					Machine.loadAverage());
		}
		Results results = new Results();
		ratios.forEach((label, perFork) -> {
			double median = Stats.median(Forks.pooled(perFork));
			results.add("5", label + ": CPU time per request / plain client, interleaved, " + forks + " JVMs",
					Forks.describe(perFork), "<= 1.03", median <= 1.03);
			results
				.startupHeadline(String.format("interleaved %-32s CPU time x%.3f over %d JVMs", label, median, forks));
		});
		results.print(String.format("In-process pipeline cost, interleaved over %d JVMs (%.0f s, %s, load average %s)",
				forks, (System.nanoTime() - started) / 1e9, Machine.describe(), Machine.loadAverage()));
		return 0;
	}

	// In a fork: each mode's context, its four clients warmed up together, then the
	// rounds.
	private static void measure(int rounds) {
		for (String mode : List.of("certificate", "jwt")) {
			PipelineBenchmark.Clients clients = PipelineBenchmark.Clients.startWarmedUp(mode);
			try {
				Interleaved.rounds(mode, clients, rounds, REQUESTS)
					.forEach((label, perRound) -> Forks.print(PREFIX, List.of(label),
							perRound.stream().map((round) -> round[0]).toList()));
			}
			finally {
				clients.close();
			}
		}
	}

}
