package io.github.checkoutmtls.benchmarks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link PipelineBenchmark} with JMH's GC profiler and turns its scores into the
 * pipeline's cost over the plain clients: time per request and bytes allocated per
 * request, each checkout/plain of the same mode. The quick mode runs it in this JVM (no
 * fork) with short iterations: indicative; the full mode forks.
 */
final class Jmh {

	static final String FLAG = "--jmh";

	private Jmh() {
	}

	static void run(boolean quick, Results results) {
		OptionsBuilder options = new OptionsBuilder();
		options.include(PipelineBenchmark.class.getName())
			.forks(quick ? 0 : 1)
			.warmupIterations(quick ? 3 : 5)
			.warmupTime(TimeValue.milliseconds(quick ? 400 : 1000))
			.measurementIterations(quick ? 4 : 10)
			.measurementTime(TimeValue.milliseconds(quick ? 400 : 1000))
			.addProfiler(GCProfiler.class)
			.shouldFailOnError(true);
		Collection<RunResult> runs;
		try {
			runs = new Runner(options.build()).run();
		}
		catch (RunnerException ex) {
			throw new IllegalStateException("JMH failed", ex);
		}
		// mode -> method -> {ns/op, error, bytes/op}
		Map<String, Map<String, double[]>> scores = new LinkedHashMap<>();
		for (RunResult run : runs) {
			String method = run.getParams().getBenchmark().substring(PipelineBenchmark.class.getName().length() + 1);
			String mode = run.getParams().getParam("mode");
			Result<?> primary = run.getPrimaryResult();
			Result<?> allocation = run.getSecondaryResults().get("·gc.alloc.rate.norm");
			if (allocation == null) {
				allocation = run.getSecondaryResults().get("gc.alloc.rate.norm");
			}
			scores.computeIfAbsent(mode, (key) -> new LinkedHashMap<>())
				.put(method, new double[] { primary.getScore(), primary.getScoreError(),
						(allocation != null) ? allocation.getScore() : Double.NaN });
		}
		scores.forEach((mode, methods) -> {
			for (String client : new String[] { "webClient", "restClient" }) {
				double[] plain = methods.get(client + "Plain");
				double[] checkout = methods.get(client + "Checkout");
				if (plain == null || checkout == null) {
					continue;
				}
				double time = checkout[0] / plain[0];
				double bytes = checkout[2] / plain[2];
				String label = (client.equals("webClient") ? "checkoutWebClient" : "checkoutRestClient") + ", " + mode;
				results.add("5", label + ": time per request / plain client (JMH, in memory)",
						String.format("%.3f (%.0f ± %.0f vs %.0f ± %.0f ns/op)", time, checkout[0], checkout[1],
								plain[0], plain[1]),
						"<= 1.03", time <= 1.03);
				results.add("5", label + ": bytes allocated per request / plain client",
						String.format("%.3f (%.0f vs %.0f B/op)", bytes, checkout[2], plain[2]), "<= 1.10",
						bytes <= 1.10);
				results.startupHeadline(
						String.format("JMH %-31s time x%.3f (%.0f vs %.0f ns/op), allocation x%.3f (%.0f vs %.0f B/op)",
								label, time, checkout[0], plain[0], bytes, checkout[2], plain[2]));
			}
		});
	}

}
