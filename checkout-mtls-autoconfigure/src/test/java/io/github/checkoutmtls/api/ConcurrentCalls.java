package io.github.checkoutmtls.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls on real threads: a burst released at once by a latch, or loops that run until
 * closed, counting what failed.
 */
final class ConcurrentCalls implements AutoCloseable {

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicInteger succeeded = new AtomicInteger();

	private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

	private final List<Thread> threads = new ArrayList<>();

	private ConcurrentCalls(int concurrency, IntConsumer call) {
		for (int i = 0; i < concurrency; i++) {
			int worker = i;
			Thread thread = new Thread(() -> repeat(worker, call), "call-loop-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
	}

	/**
	 * Starts {@code count} threads, releases them together once all are waiting, and
	 * returns their results.
	 */
	static <T> List<T> burst(int count, IntFunction<T> call) throws Exception {
		CountDownLatch ready = new CountDownLatch(count);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(count);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int index = i;
				futures.add(executor.submit(() -> {
					ready.countDown();
					start.await();
					return call.apply(index);
				}));
			}
			assertThat(ready.await(30, TimeUnit.SECONDS)).as("all %d threads waiting", count).isTrue();
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

	/**
	 * Starts {@code concurrency} threads that each repeat the call, given its worker
	 * index, until closed.
	 */
	static ConcurrentCalls loop(int concurrency, IntConsumer call) {
		return new ConcurrentCalls(concurrency, call);
	}

	private void repeat(int worker, IntConsumer call) {
		while (this.running.get()) {
			try {
				call.accept(worker);
				this.succeeded.incrementAndGet();
			}
			catch (RuntimeException | AssertionError ex) {
				this.failures.add(ex);
			}
		}
	}

	int succeeded() {
		return this.succeeded.get();
	}

	List<Throwable> failures() {
		return List.copyOf(this.failures);
	}

	@Override
	public void close() throws InterruptedException {
		this.running.set(false);
		for (Thread thread : this.threads) {
			thread.join(Duration.ofSeconds(90).toMillis());
		}
	}

}
