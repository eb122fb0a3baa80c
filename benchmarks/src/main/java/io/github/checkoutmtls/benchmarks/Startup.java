package io.github.checkoutmtls.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
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
 * Application context start time, each start in a fresh JVM (a second start in the same
 * JVM would find its classes loaded and its code compiled). The child JVM runs this
 * program with {@code --startup-probe} and prints the time {@code SpringApplication.run}
 * took.
 */
final class Startup {

	static final String PROBE = "--startup-probe";

	private static final String PREFIX = "STARTUP_MS=";

	private static final String BEANS_PREFIX = "CHECKOUT_BEANS_MS=";

	private static final String CPU_PREFIX = "MAIN_CPU_MS=";

	private static final String CLASSES_PREFIX = "CLASSES=";

	private static final String FIRST_PREFIX = "FIRST_RESPONSE_MS=";

	private static final String PROCESS_CPU_PREFIX = "PROCESS_CPU_MS=";

	/**
	 * One start: the whole context, and the time spent creating the starter's own beans.
	 *
	 * @param contextMillis time of {@code SpringApplication.run}
	 * @param checkoutBeansMillis wall time during which a {@code checkout*} bean was
	 * being created
	 * @param mainCpuMillis CPU time of the main thread during
	 * {@code SpringApplication.run}: the start's critical path, much less disturbed by
	 * other processes than wall time
	 * @param processCpuMillis CPU time of the whole process (every thread, JIT compilers
	 * and GC included) during {@code SpringApplication.run}: what competes for the cores
	 * @param classes classes loaded when the context had started
	 * @param firstResponseMillis JVM uptime at the first successful response, or NaN when
	 * none was sent
	 */
	record Run(double contextMillis, double checkoutBeansMillis, double mainCpuMillis, double processCpuMillis,
			double classes, double firstResponseMillis) {

	}

	// Union of the instantiation intervals of checkout* beans, so nested beans are not
	// counted twice
	private static double checkoutBeansMillis(BufferingApplicationStartup steps) {
		List<long[]> intervals = new ArrayList<>();
		for (StartupTimeline.TimelineEvent event : steps.getBufferedTimeline().getEvents()) {
			if (!"spring.beans.instantiate".equals(event.getStartupStep().getName())) {
				continue;
			}
			for (StartupStep.Tag tag : event.getStartupStep().getTags()) {
				if ("beanName".equals(tag.getKey()) && Boolean.getBoolean("bench.startup.verbose")
						&& event.getDuration().toMillis() >= Long.getLong("bench.startup.verbose-ms", 20)) {
					System.out.println("  bean " + tag.getValue() + ": " + event.getDuration().toMillis() + " ms");
				}
				if ("beanName".equals(tag.getKey()) && tag.getValue().startsWith("checkout")) {
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
	 * In the child JVM: starts the application of the given kind and prints its start
	 * time.
	 */
	static void probe(String kind, String chain, String key, String serverCa, String apiBaseUrl, String tokenUrl,
			String accessBaseUrl) {
		if (kind.endsWith("-first")) {
			firstResponse(kind, apiBaseUrl, tokenUrl, accessBaseUrl, chain, key, serverCa);
			return;
		}
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
		long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
		long processCpu = processCpuNanos();
		long start = System.nanoTime();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.applicationStartup(steps)
			.properties(properties)
			.run();
		long elapsed = System.nanoTime() - start;
		cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu;
		processCpu = processCpuNanos() - processCpu;
		if (Boolean.getBoolean("bench.startup.verbose")) {
			// Every native thread's CPU time so far (JIT compilers and GC included):
			// where a start's CPU went besides the main thread.
			ThreadCpu.now().print();
		}
		System.out.println(PREFIX + (elapsed / 1e6));
		System.out.println(CPU_PREFIX + (cpu / 1e6));
		System.out.println(PROCESS_CPU_PREFIX + (processCpu / 1e6));
		System.out.println(CLASSES_PREFIX + ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
		System.out.println(BEANS_PREFIX + checkoutBeansMillis(steps));
		context.close();
	}

	private static long processCpuNanos() {
		return (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
				? os.getProcessCpuTime() : 0;
	}

	// JVM start to the first successful response, jwt mode: the starter against the
	// do-it-yourself setup.
	private static void firstResponse(String kind, String apiBaseUrl, String tokenUrl, String accessBaseUrl,
			String chain, String key, String serverCa) {
		ConfigurableApplicationContext context;
		Contender contender;
		if ("starter-first".equals(kind)) {
			Map<String, Object> properties = StarterApplication.commonProperties();
			properties.put("checkout.mtls.api-base-url", apiBaseUrl);
			properties.put("checkout.mtls.access-base-url", accessBaseUrl);
			properties.put("checkout.mtls.keystore.certificate", "file:" + chain);
			properties.put("checkout.mtls.keystore.private-key", "file:" + key);
			properties.put("checkout.mtls.trust.certificates", "file:" + serverCa);
			properties.put("checkout.mtls.auth-mode", "jwt");
			properties.put("checkout.mtls.jwt.client-id", BenchSimulator.STARTER_CLIENT);
			properties.put("checkout.mtls.jwt.scopes", "gateway");
			context = StarterApplication.start(properties);
			contender = StarterApplication.contender("starter", context);
		}
		else {
			context = DiyApplication.start(chain, key, serverCa, apiBaseUrl, tokenUrl);
			contender = DiyApplication.contender("diy", context);
		}
		contender.call().get().block(java.time.Duration.ofSeconds(30));
		System.out.println(FIRST_PREFIX + ManagementFactory.getRuntimeMXBean().getUptime());
		System.out.println(PREFIX + 0);
		context.close();
	}

	/**
	 * In the parent: starts a child JVM for the kind and returns its context start time
	 * in milliseconds.
	 */
	static Run measure(String kind, BenchPki pki) {
		return measure(kind, pki, "-", "-", "-");
	}

	/**
	 * In the parent: starts a child JVM for the kind, which may call the given servers.
	 */
	static Run measure(String kind, BenchPki pki, String apiBaseUrl, String tokenUrl, String accessBaseUrl) {
		List<String> command = Relaunch.command(List.of(), List.of(PROBE, kind, path(pki.ecFiles.chain()),
				path(pki.ecFiles.privateKey()), path(pki.ecFiles.serverCa()), apiBaseUrl, tokenUrl, accessBaseUrl));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			double result = Double.NaN;
			double beans = Double.NaN;
			double mainCpu = Double.NaN;
			double processCpu = Double.NaN;
			double classes = Double.NaN;
			double first = Double.NaN;
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
					mainCpu = value(line, CPU_PREFIX, mainCpu);
					processCpu = value(line, PROCESS_CPU_PREFIX, processCpu);
					classes = value(line, CLASSES_PREFIX, classes);
					first = value(line, FIRST_PREFIX, first);
				}
			}
			process.waitFor();
			if (Double.isNaN(result)) {
				throw new IllegalStateException(
						"Startup probe '" + kind + "' printed no time:\n" + String.join("\n", output));
			}
			return new Run(result, beans, mainCpu, processCpu, classes, first);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static double value(String line, String prefix, double otherwise) {
		return line.startsWith(prefix) ? Double.parseDouble(line.substring(prefix.length())) : otherwise;
	}

	private static String path(Path path) {
		return path.toAbsolutePath().toString();
	}

}
