package io.github.checkoutmtls.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Section 1 (end to end) over several fresh JVMs. One JVM's ratios are biased as a whole:
 * each pool spreads its connections over the event loops its own way, and the JIT
 * compiles the shared code with that run's profile, so a ratio can sit at 0.89 with tight
 * quartiles in one run and at 1.04 in the next. Each fork measures every contender over a
 * few interleaved rounds; the per-round ratios of all forks are pooled, and a control
 * (the plain clients over a second, identical pool) shows what the loop resolves.
 */
final class ForkedEndToEnd {

	static final String FORK_PROPERTY = "bench.e2e.fork";

	private static final String PREFIX = "E2E-RATIOS\t";

	private static final int DEFAULT_FORKS = 5;

	private static final int DEFAULT_ROUNDS = 3;

	private ForkedEndToEnd() {
	}

	static boolean isFork() {
		return Boolean.getBoolean(FORK_PROPERTY);
	}

	static int forks(List<String> arguments) {
		return Forks.option(arguments, "--forks", DEFAULT_FORKS);
	}

	// A fork's rounds are shorter: the forks, not the rounds, carry the precision.
	static BenchConfig forkConfig(BenchConfig config) {
		return config.withRoundLength(Duration.ofSeconds(1), Duration.ofSeconds(1));
	}

	// Called in a fork, once per contender and concurrency.
	static void report(int concurrency, String contender, String baseline, List<Double> perRound) {
		Forks.print(PREFIX, List.of(Integer.toString(concurrency), contender, baseline), perRound);
	}

	static int run(List<String> arguments) throws Exception {
		int forks = forks(arguments);
		int rounds = Forks.option(arguments, "--rounds", DEFAULT_ROUNDS);
		System.out.println("End to end (section 1) in " + forks + " fresh JVMs of " + rounds
				+ " interleaved rounds of 1 s each: " + Machine.describe());
		System.out.println("Load average at start: " + Machine.loadAverage());
		long started = System.nanoTime();
		// (concurrency, contender, baseline) -> the per-round ratios of each fork
		Map<String, List<List<Double>>> ratios = new LinkedHashMap<>();
		for (int fork = 1; fork <= forks; fork++) {
			List<String> jvmOptions = new ArrayList<>(
					List.of("-D" + FORK_PROPERTY + "=true", "-Dbench.settle-jit=true", "-Dbench.fork=" + fork));
			if (System.getProperty("bench.c") != null) {
				jvmOptions.add("-Dbench.c=" + System.getProperty("bench.c"));
			}
			List<String> command = Relaunch.command(jvmOptions, List.of("--e2e", "--rounds", Integer.toString(rounds)));
			Forks.run(command, PREFIX, 3, (line) -> line.startsWith("  c="), fork)
				.forEach((key, values) -> ratios.computeIfAbsent(key, (k) -> new ArrayList<>()).add(values));
			System.out.printf("  fork %d done (%.0f s so far, load %s)%n", fork, (System.nanoTime() - started) / 1e9,
					Machine.loadAverage());
		}
		Results results = new Results();
		ratios.forEach((key, perFork) -> {
			String[] parts = key.split("\t");
			String concurrency = "c=" + parts[0];
			double median = Stats.median(Forks.pooled(perFork));
			boolean control = parts[1].startsWith("control");
			results.add("1", parts[1] + ", " + concurrency + ": throughput / " + parts[2], Forks.describe(perFork),
					control ? "(resolution: ideally 1.00)" : ">= 0.97", control ? null : median >= 0.97);
			results
				.headline(String.format("%-36s %-6s throughput %.3f of %s", parts[1], concurrency, median, parts[2]));
		});
		results.print(String.format("End to end over %d forks (%.0f s, %s, load average at end %s)", forks,
				(System.nanoTime() - started) / 1e9, Machine.describe(), Machine.loadAverage()));
		return 0;
	}

}
