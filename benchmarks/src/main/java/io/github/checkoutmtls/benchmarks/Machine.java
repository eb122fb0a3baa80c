package io.github.checkoutmtls.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A one-line description of the machine and JVM a run measured on.
 */
final class Machine {

	private Machine() {
	}

	static String describe() {
		long memory = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getTotalMemorySize();
		return String.format("%d CPUs (%s), %.0f GiB RAM, %s %s, Java %s (%s)",
				Runtime.getRuntime().availableProcessors(), cpuModel(), memory / (1024.0 * 1024 * 1024),
				System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
				System.getProperty("java.vm.name"));
	}

	/**
	 * The 1, 5 and 15 minute load averages: other processes on a shared machine show up
	 * here.
	 */
	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown CPU");
		}
		catch (IOException ex) {
			return "unknown CPU";
		}
	}

}
