package io.github.checkoutmtls.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The CPU time of JMH's worker threads per operation ({@code cpu.time.norm}, ns/op): on a
 * machine shared with other work, the time a request costs without the time its thread
 * waited for a core. The in-memory exchange runs every request on the worker thread, so
 * on an idle machine this is the wall time per request.
 */
public final class CpuTimeProfiler implements InternalProfiler {

	static final String RESULT = "cpu.time.norm";

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private Map<Long, Long> before = Map.of();

	@Override
	public String getDescription() {
		return "CPU time of the benchmark threads per operation";
	}

	@Override
	public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
		this.before = workers();
	}

	@Override
	public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
			IterationResult result) {
		long cpu = 0;
		for (Map.Entry<Long, Long> worker : workers().entrySet()) {
			cpu += worker.getValue() - this.before.getOrDefault(worker.getKey(), 0L);
		}
		long operations = Math.max(1, result.getMetadata().getAllOps());
		return List.of(new ScalarResult(RESULT, (double) cpu / operations, "ns/op", AggregationPolicy.AVG));
	}

	private Map<Long, Long> workers() {
		Map<Long, Long> cpu = new HashMap<>();
		for (ThreadInfo thread : this.threads.getThreadInfo(this.threads.getAllThreadIds())) {
			if (thread != null && thread.getThreadName().contains("jmh-worker")) {
				long time = this.threads.getThreadCpuTime(thread.getThreadId());
				if (time >= 0) {
					cpu.put(thread.getThreadId(), time);
				}
			}
		}
		return cpu;
	}

}
