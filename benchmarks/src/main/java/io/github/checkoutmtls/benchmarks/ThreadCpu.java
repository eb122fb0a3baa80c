package io.github.checkoutmtls.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every native thread's CPU time so far, read from {@code /proc/self/task} (Linux; empty
 * elsewhere), and the difference of two readings by kind of thread: what each kind cost,
 * where execution samples count a thread that waits for a core as much as one that runs.
 */
final class ThreadCpu {

	/** The kind of the JIT compiler threads. */
	static final String JIT = "JIT";

	private final Map<String, Long> millis;

	private ThreadCpu(Map<String, Long> millis) {
		this.millis = millis;
	}

	static ThreadCpu now() {
		Map<String, Long> cpu = new HashMap<>();
		try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
			for (Path task : (Iterable<Path>) tasks::iterator) {
				try {
					String stat = Files.readString(task.resolve("stat"));
					String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
					// Clock ticks of 10 ms (USER_HZ is 100 on Linux).
					cpu.put(task.getFileName() + " " + name, ticks * 10);
				}
				catch (IOException ex) {
					// the thread ended meanwhile
				}
			}
		}
		catch (IOException ex) {
			// no /proc: nothing to report
		}
		return new ThreadCpu(cpu);
	}

	/**
	 * The CPU milliseconds each kind of thread used since {@code before}; the calling
	 * virtual threads' work is their carriers'.
	 */
	Map<String, Long> since(ThreadCpu before) {
		Map<String, Long> byKind = new TreeMap<>();
		for (Map.Entry<String, Long> entry : this.millis.entrySet()) {
			long used = entry.getValue() - before.millis.getOrDefault(entry.getKey(), 0L);
			byKind.merge(kind(entry.getKey().substring(entry.getKey().indexOf(' ') + 1)), used, Long::sum);
		}
		return byKind;
	}

	/**
	 * The same, in microseconds per request, with the sum of all kinds last.
	 */
	String perRequest(ThreadCpu before, long requests) {
		Map<String, Long> byKind = since(before);
		long all = total(byKind);
		StringBuilder line = new StringBuilder();
		byKind.forEach((kind, used) -> line.append(kind)
			.append(' ')
			.append(String.format("%.1f", used * 1000.0 / requests))
			.append(", "));
		return line.append("all ").append(String.format("%.1f", all * 1000.0 / requests)).toString();
	}

	/**
	 * The CPU milliseconds of all kinds together.
	 */
	static long total(Map<String, Long> byKind) {
		return byKind.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Prints each thread's CPU time so far, those that used any.
	 */
	void print() {
		this.millis.forEach((thread, used) -> {
			if (used > 0) {
				System.out.println("  thread cpu " + thread.substring(thread.indexOf(' ') + 1) + ": " + used + " ms");
			}
		});
	}

	// The kind of a thread, by its name
	static String kind(String name) {
		if (name.startsWith("reactor-http")) {
			return "client event loops";
		}
		if (name.startsWith("bench-echo")) {
			return "echo server";
		}
		if (name.startsWith("ForkJoinPool")) {
			return "carriers";
		}
		if (name.startsWith("C1 ") || name.startsWith("C2 ")) {
			return JIT;
		}
		if (name.startsWith("G1 ") || name.startsWith("GC ")) {
			return "GC";
		}
		return "other";
	}

}
