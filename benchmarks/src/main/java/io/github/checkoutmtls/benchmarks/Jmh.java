package io.github.checkoutmtls.benchmarks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link PipelineBenchmark} with JMH's GC profiler and the {@link CpuTimeProfiler}
 * and turns its scores into the pipeline's cost over the plain clients: time, CPU time
 * and bytes allocated per request, each checkout/plain of the same mode. The full mode
 * forks three JVMs per trial, each with 5 warm-up and 8 measured iterations of 1 s: one
 * JVM's JIT decisions move a score by more than the 3 % looked for, so the spread between
 * forks is part of the error. The quick mode trades precision for time: every trial runs
 * in this JVM (no fork), the trials of a mode share one context, whose four clients are
 * warmed up together before the first trial (so no trial is measured cold, whatever the
 * order), then 1 warm-up and 3 measured iterations of 0.3 s. Its allocation ratios are as
 * exact as the full mode's (bytes per request do not depend on load); its time ratios are
 * a signal, measured minutes apart on a shared machine, so it adds {@link Interleaved}
 * CPU-time ratios, measured with the clients taking turns.
 */
final class Jmh {

	static final String FLAG = "--jmh";

	// About 25 ms per client and round on an idle machine.
	private static final int INTERLEAVED_ROUNDS = 7;

	private static final int INTERLEAVED_REQUESTS = 4_000;

	private Jmh() {
	}

	static void run(boolean quick, Results results) {
		run(quick, 3, results);
	}

	/**
	 * Runs the benchmark.
	 * @param quick whether to run the quick mode (no fork)
	 * @param forks JVMs per trial in the full mode
	 * @param results where the ratios go
	 */
	static void run(boolean quick, int forks, Results results) {
		OptionsBuilder options = new OptionsBuilder();
		options.include(PipelineBenchmark.class.getName())
			.forks(quick ? 0 : forks)
			.warmupIterations(quick ? 1 : 5)
			.warmupTime(TimeValue.milliseconds(quick ? 300 : 1000))
			.measurementIterations(quick ? 3 : 8)
			.measurementTime(TimeValue.milliseconds(quick ? 300 : 1000))
			.addProfiler(GCProfiler.class)
			.addProfiler(CpuTimeProfiler.class)
			.shouldFailOnError(true);
		PipelineBenchmark.shareContexts = quick;
		try {
			report(runPipelineBenchmark(options), results);
			if (quick) {
				PipelineBenchmark.shared()
					.forEach((mode, clients) -> Interleaved.run(mode, clients, INTERLEAVED_ROUNDS, INTERLEAVED_REQUESTS,
							results));
			}
		}
		finally {
			PipelineBenchmark.closeShared();
			PipelineBenchmark.shareContexts = false;
		}
	}

	private static Collection<RunResult> runPipelineBenchmark(OptionsBuilder options) {
		try {
			return new Runner(options.build()).run();
		}
		catch (RunnerException ex) {
			throw new IllegalStateException("JMH failed", ex);
		}
	}

	// One trial's scores: time (ns/op) and its error, bytes and CPU time per request,
	// and each fork's mean time. One fork's JIT decisions can move its mean by 10 % or
	// more, and the mean over forks with it.
	private record Score(double time, double error, double bytes, double cpu, List<Double> forks) {

	}

	private static void report(Collection<RunResult> runs, Results results) {
		// mode -> method -> score
		Map<String, Map<String, Score>> scores = new LinkedHashMap<>();
		for (RunResult run : runs) {
			String method = run.getParams().getBenchmark().substring(PipelineBenchmark.class.getName().length() + 1);
			String mode = run.getParams().getParam("mode");
			Result<?> primary = run.getPrimaryResult();
			Result<?> allocation = run.getSecondaryResults().get("·gc.alloc.rate.norm");
			if (allocation == null) {
				allocation = run.getSecondaryResults().get("gc.alloc.rate.norm");
			}
			Result<?> cpu = run.getSecondaryResults().get(CpuTimeProfiler.RESULT);
			scores.computeIfAbsent(mode, (key) -> new LinkedHashMap<>())
				.put(method, new Score(primary.getScore(), primary.getScoreError(),
						(allocation != null) ? allocation.getScore() : Double.NaN,
						(cpu != null) ? cpu.getScore() : Double.NaN,
						run.getBenchmarkResults().stream().map((fork) -> fork.getPrimaryResult().getScore()).toList()));
		}
		scores.forEach((mode, methods) -> {
			for (String client : new String[] { "webClient", "restClient" }) {
				Score plain = methods.get(client + "Plain");
				Score checkout = methods.get(client + "Checkout");
				if (plain == null || checkout == null) {
					continue;
				}
				double time = checkout.time() / plain.time();
				double bytes = checkout.bytes() / plain.bytes();
				double cpu = checkout.cpu() / plain.cpu();
				String label = (client.equals("webClient") ? "checkoutWebClient" : "checkoutRestClient") + ", " + mode;
				results.add("5", label + ": time per request / plain client (JMH, in memory)",
						String.format("%.3f (%.0f ± %.0f vs %.0f ± %.0f ns/op)", time, checkout.time(),
								checkout.error(), plain.time(), plain.error()),
						"<= 1.03", time <= 1.03);
				if (checkout.forks().size() >= 3) {
					double forkTime = Stats.median(checkout.forks()) / Stats.median(plain.forks());
					results.add(
							"5", label + ": the same, median fork over median fork (each fork's mean, ns/op)", String
								.format("%.3f (%s vs %s)", forkTime, rounded(checkout.forks()), rounded(plain.forks())),
							"<= 1.03", forkTime <= 1.03);
				}
				results.add("5", label
						+ ": CPU time per request / plain client (the same, without the time spent waiting for a core)",
						String.format("%.3f (%.0f vs %.0f ns/op)", cpu, checkout.cpu(), plain.cpu()), "<= 1.03",
						cpu <= 1.03);
				results.add("5", label + ": bytes allocated per request / plain client",
						String.format("%.3f (%.0f vs %.0f B/op)", bytes, checkout.bytes(), plain.bytes()), "<= 1.10",
						bytes <= 1.10);
				results.startupHeadline(String.format(
						"JMH %-31s time x%.3f (%.0f vs %.0f ns/op), CPU x%.3f, allocation x%.3f (%.0f vs %.0f B/op)",
						label, time, checkout.time(), plain.time(), cpu, bytes, checkout.bytes(), plain.bytes()));
			}
		});
	}

	private static List<Long> rounded(List<Double> values) {
		return values.stream().sorted().map(Math::round).toList();
	}

}
