package io.github.checkoutmtls.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Fresh JVMs that print their measurements as lines of {@code PREFIX key... values...}
 * (tab-separated), read back by the parent. One JVM's ratios are biased as a whole (its
 * JIT's decisions, its pools' placement on the event loops), so a figure is only as good
 * as the number of JVMs it pools.
 */
final class Forks {

	private Forks() {
	}

	/**
	 * A measurement a fork printed.
	 *
	 * @param key the line's first fields, tab-separated
	 * @param values the numbers after them
	 */
	record Line(String key, List<Double> values) {

	}

	/**
	 * Prints one measurement, in a fork.
	 * @param prefix the line's prefix
	 * @param key the key fields
	 * @param values the numbers
	 */
	static void print(String prefix, List<String> key, List<Double> values) {
		StringBuilder line = new StringBuilder(prefix).append(String.join("\t", key));
		values.forEach((value) -> line.append('\t').append(value));
		System.out.println(line);
	}

	/**
	 * Runs one fork to its end and returns its measurements by key, echoing the lines
	 * worth seeing.
	 * @param command the fork's command line
	 * @param prefix the prefix of measurement lines
	 * @param keyFields how many fields of such a line make its key
	 * @param echo which other lines to print, prefixed with the fork's number
	 * @param fork the fork's number
	 * @return the measurements, in the order printed
	 * @throws IOException if the fork cannot be started or read
	 * @throws InterruptedException if interrupted while waiting for the fork
	 */
	static Map<String, List<Double>> run(List<String> command, String prefix, int keyFields, Predicate<String> echo,
			int fork) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		Map<String, List<Double>> measured = new LinkedHashMap<>();
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = output.readLine()) != null) {
				if (line.startsWith(prefix)) {
					String[] fields = line.substring(prefix.length()).split("\t");
					List<Double> values = new ArrayList<>();
					for (int i = keyFields; i < fields.length; i++) {
						values.add(Double.parseDouble(fields[i]));
					}
					measured.put(String.join("\t", List.of(fields).subList(0, keyFields)), values);
				}
				else if (echo.test(line) || line.contains("Exception") || line.contains("failed")) {
					System.out.println("  fork " + fork + ": " + line.strip());
				}
			}
		}
		int exit = process.waitFor();
		if (exit != 0) {
			throw new IllegalStateException("fork " + fork + " exited with " + exit);
		}
		return measured;
	}

	/**
	 * Describes pooled per-round values: their median, quartiles and count, and each
	 * fork's median.
	 * @param perFork each fork's values
	 * @return the description
	 */
	static String describe(List<List<Double>> perFork) {
		List<Double> pooled = pooled(perFork);
		List<String> forkMedians = perFork.stream()
			.map((values) -> String.format("%.2f", Stats.median(values)))
			.toList();
		return String.format("%.3f (quartiles %.2f-%.2f of %d rounds; per-fork medians %s)", Stats.median(pooled),
				Benchmarks.quantile(pooled, 0.25), Benchmarks.quantile(pooled, 0.75), pooled.size(), forkMedians);
	}

	/**
	 * Returns the number after a command-line option, such as {@code --forks 5}.
	 * @param arguments the command line
	 * @param name the option
	 * @param otherwise the value without the option
	 * @return the value
	 */
	static int option(List<String> arguments, String name, int otherwise) {
		int at = arguments.indexOf(name);
		return (at >= 0) ? Integer.parseInt(arguments.get(at + 1)) : otherwise;
	}

	static List<Double> pooled(List<List<Double>> perFork) {
		return perFork.stream().flatMap(List::stream).toList();
	}

}
