package io.github.checkoutmtls.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A closed-loop load generator: {@code concurrency} workers each send a request, wait for
 * its answer and send the next one, until the round ends. Each worker records the latency
 * of its own requests, so nothing is shared on the measured path but one counter of
 * failures.
 */
final class LoadRunner {

	private LoadRunner() {
	}

	/**
	 * The result of one round.
	 *
	 * @param requests requests completed
	 * @param failures requests that failed
	 * @param throughput completed requests per second
	 * @param p50 median latency in microseconds
	 * @param p99 99th percentile latency in microseconds
	 */
	record Round(long requests, long failures, double throughput, double p50, double p99) {

	}

	static Round run(Contender contender, int concurrency, Duration length) {
		long deadline = System.nanoTime() + length.toNanos();
		List<LongList> latencies = new ArrayList<>();
		for (int i = 0; i < concurrency; i++) {
			latencies.add(new LongList());
		}
		AtomicLong failures = new AtomicLong();
		long started = System.nanoTime();
		Flux.range(0, concurrency)
			.flatMap((worker) -> loop(contender, latencies.get(worker), failures, deadline), concurrency)
			.blockLast(length.plusSeconds(120));
		long elapsed = System.nanoTime() - started;
		long[] sorted = Stats.sorted(LongList.concat(latencies));
		return new Round(sorted.length, failures.get(), sorted.length * 1e9 / elapsed,
				Stats.percentile(sorted, 50) / 1e3, Stats.percentile(sorted, 99) / 1e3);
	}

	/**
	 * Sends {@code requests} requests in total from {@code concurrency} workers.
	 */
	static void runCount(Contender contender, int concurrency, int requests) {
		AtomicLong remaining = new AtomicLong(requests);
		Flux.range(0, concurrency)
			.flatMap((worker) -> Mono.defer(() -> contender.call().get())
				.then()
				.repeat(() -> remaining.decrementAndGet() > 0), concurrency)
			.blockLast(Duration.ofMinutes(5));
	}

	private static Mono<Void> loop(Contender contender, LongList latencies, AtomicLong failures, long deadline) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return contender.call()
				.get()
				.doOnSuccess((body) -> latencies.add(System.nanoTime() - start))
				.then()
				.onErrorResume((ex) -> {
					if (failures.getAndIncrement() == 0) {
						System.err.println(contender.name() + ": request failed: " + ex);
					}
					return Mono.empty();
				});
		}).repeat(() -> System.nanoTime() < deadline).then();
	}

}
