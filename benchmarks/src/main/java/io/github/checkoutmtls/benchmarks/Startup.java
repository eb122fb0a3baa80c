package io.github.checkoutmtls.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.core.metrics.StartupStep;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Application context start time, each start in a fresh JVM (a second start in the same JVM would find
 * its classes loaded and its code compiled). The child JVM runs this program with {@code --startup-probe}
 * and prints the time {@code SpringApplication.run} took.
 */
final class Startup {

	static final String PROBE = "--startup-probe";

	private static final String PREFIX = "STARTUP_MS=";

	private static final String BEANS_PREFIX = "CHECKOUT_BEANS_MS=";

	/**
	 * One start: the whole context, and the time spent creating the starter's own beans.
	 *
	 * @param contextMillis time of {@code SpringApplication.run}
	 * @param checkoutBeansMillis wall time during which a {@code checkout*} bean was being created
	 */
	record Run(double contextMillis, double checkoutBeansMillis) {

	}

	// Union of the instantiation intervals of checkout* beans, so nested beans are not counted twice
	private static double checkoutBeansMillis(BufferingApplicationStartup steps) {
		List<long[]> intervals = new ArrayList<>();
		for (StartupTimeline.TimelineEvent event : steps.getBufferedTimeline().getEvents()) {
			if (!"spring.beans.instantiate".equals(event.getStartupStep().getName())) {
				continue;
			}
			for (StartupStep.Tag tag : event.getStartupStep().getTags()) {
				if ("beanName".equals(tag.getKey()) && tag.getValue().startsWith("checkout")) {
					if (Boolean.getBoolean("bench.startup.verbose")) {
						System.out.println("  bean " + tag.getValue() + ": " + event.getDuration().toMillis() + " ms");
					}
					intervals.add(new long[] { event.getStartTime().toEpochMilli() * 1_000_000L
							+ event.getStartTime().getNano() % 1_000_000, 0 });
					intervals.get(intervals.size() - 1)[1] = intervals.get(intervals.size() - 1)[0]
							+ event.getDuration().toNanos();
				}
			}
		}
		intervals.sort((a, b) -> Long.compare(a[0], b[0]));
		long total = 0;
		long coveredUntil = Long.MIN_VALUE;
		for (long[] interval : intervals) {
			long from = Math.max(interval[0], coveredUntil);
			if (interval[1] > from) {
				total += interval[1] - from;
			}
			coveredUntil = Math.max(coveredUntil, interval[1]);
		}
		return total / 1e6;
	}

	private Startup() {
	}

	/**
	 * In the child JVM: starts the application of the given kind and prints its start time.
	 */
	static void probe(String kind, String chain, String key, String serverCa) {
		Map<String, Object> properties = StarterApplication.commonProperties();
		Class<?> application;
		if ("starter".equals(kind)) {
			application = StarterApplication.class;
			properties.put("checkout.mtls.api-base-url", "https://localhost:1");
			properties.put("checkout.mtls.keystore.certificate", "file:" + chain);
			properties.put("checkout.mtls.keystore.private-key", "file:" + key);
			properties.put("checkout.mtls.trust.certificates", "file:" + serverCa);
		}
		else {
			application = PlainApplication.class;
			properties.put("checkout.mtls.enabled", "false");
		}
		BufferingApplicationStartup steps = new BufferingApplicationStartup(100_000);
		long start = System.nanoTime();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.web(WebApplicationType.NONE)
			.applicationStartup(steps)
			.properties(properties)
			.run();
		long elapsed = System.nanoTime() - start;
		System.out.println(PREFIX + (elapsed / 1e6));
		System.out.println(BEANS_PREFIX + checkoutBeansMillis(steps));
		context.close();
	}

	/**
	 * In the parent: starts a child JVM for the kind and returns its context start time in milliseconds.
	 */
	static Run measure(String kind, BenchPki pki) {
		List<String> command = Relaunch.command(List.of(), List.of(PROBE, kind, path(pki.ecFiles.chain()),
				path(pki.ecFiles.privateKey()), path(pki.ecFiles.serverCa())));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			double result = Double.NaN;
			double beans = Double.NaN;
			List<String> output = new ArrayList<>();
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					output.add(line);
					if (line.startsWith(PREFIX)) {
						result = Double.parseDouble(line.substring(PREFIX.length()));
					}
					if (line.startsWith(BEANS_PREFIX)) {
						beans = Double.parseDouble(line.substring(BEANS_PREFIX.length()));
					}
				}
			}
			process.waitFor();
			if (Double.isNaN(result)) {
				throw new IllegalStateException("Startup probe '" + kind + "' printed no time:\n" + String.join("\n", output));
			}
			return new Run(result, beans);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String path(Path path) {
		return path.toAbsolutePath().toString();
	}

}
