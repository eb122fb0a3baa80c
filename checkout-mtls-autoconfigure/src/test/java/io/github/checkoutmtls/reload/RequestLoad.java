package io.github.checkoutmtls.reload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Concurrent loops of GET requests through a {@link WebClient} until stopped, counting
 * what failed.
 */
final class RequestLoad implements AutoCloseable {

	private final AtomicBoolean running = new AtomicBoolean(true);

	static final String SEQUENCE_HEADER = "X-Load-Sequence";

	private final AtomicInteger succeeded = new AtomicInteger();

	private final AtomicLong issued = new AtomicLong();

	private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

	private final List<Thread> threads = new ArrayList<>();

	RequestLoad(WebClient client, String path, int concurrency) {
		for (int i = 0; i < concurrency; i++) {
			Thread thread = new Thread(() -> loop(client, path), "request-load-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
	}

	private void loop(WebClient client, String path) {
		while (this.running.get()) {
			try {
				// Numbered before it starts: a request numbered above a mark was started
				// after the mark was taken.
				long sequence = this.issued.incrementAndGet();
				client.get()
					.uri(path)
					.header(SEQUENCE_HEADER, Long.toString(sequence))
					.retrieve()
					.toBodilessEntity()
					.block(Duration.ofSeconds(30));
				this.succeeded.incrementAndGet();
			}
			catch (RuntimeException ex) {
				this.failures.add(ex);
			}
		}
	}

	long issued() {
		return this.issued.get();
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
			thread.join(Duration.ofSeconds(40).toMillis());
		}
	}

}
