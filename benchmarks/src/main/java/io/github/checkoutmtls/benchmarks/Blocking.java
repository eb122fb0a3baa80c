package io.github.checkoutmtls.benchmarks;

import java.lang.reflect.Method;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs the {@code RestClient} contenders' blocking calls: on a virtual thread per call on
 * Java 21 and later (this module is compiled for 17, so the executor is looked up
 * reflectively), else on Reactor's bounded elastic platform threads. Every RestClient
 * contender, plain or starter, pays the same hop.
 */
final class Blocking {

	static final String THREADS;

	private static final Scheduler SCHEDULER;

	static {
		ExecutorService virtual = virtualThreads();
		SCHEDULER = (virtual != null) ? Schedulers.fromExecutorService(virtual, "bench-virtual")
				: Schedulers.boundedElastic();
		THREADS = (virtual != null) ? "virtual threads (Java " + Runtime.version().feature() + ")"
				: "platform threads (bounded elastic; Java " + Runtime.version().feature() + " has no virtual threads)";
	}

	private Blocking() {
	}

	static <T> Mono<T> call(Callable<T> call) {
		return Mono.fromCallable(call).subscribeOn(SCHEDULER);
	}

	private static ExecutorService virtualThreads() {
		try {
			Method factory = java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
			return (ExecutorService) factory.invoke(null);
		}
		catch (ReflectiveOperationException ex) {
			return null;
		}
	}

}
