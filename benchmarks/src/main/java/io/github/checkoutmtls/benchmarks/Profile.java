package io.github.checkoutmtls.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import org.springframework.context.ConfigurableApplicationContext;

import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;

/**
 * Profiles the per-request path of {@code checkoutWebClient} in both modes with JDK
 * Flight Recorder (execution samples, the "profile" settings) and summarises where the
 * starter's own code shows up. {@code --profile [seconds]}; the recordings are kept for
 * {@code jfr print}.
 */
final class Profile {

	private static final String OWN = "io.github.checkoutmtls.";

	private Profile() {
	}

	static void run(List<String> arguments) throws IOException, ParseException {
		int at = arguments.indexOf("--profile");
		int seconds = (arguments.size() > at + 1 && arguments.get(at + 1).matches("\\d+"))
				? Integer.parseInt(arguments.get(at + 1)) : 15;
		BenchPki pki = new BenchPki();
		try (CheckoutMtlsSimulator simulator = BenchSimulator.start(pki);
				EchoServer echo = new EchoServer(pki, BenchPki.autoProvider())) {
			if (arguments.contains("--rest")) {
				profileRestClients(pki, simulator, echo, seconds);
				return;
			}
			for (boolean jwt : new boolean[] { false, true }) {
				try (ConfigurableApplicationContext context = StarterApplication
					.start(StarterApplication.starterProperties(pki, echo.baseUrl(), simulator.accessBaseUrl(), jwt))) {
					Contender contender = StarterApplication.contender(jwt ? "jwt" : "certificate", context);
					LoadRunner.run(contender, 16, Duration.ofSeconds(3));
					Path file = pki.directory.resolve("profile-" + contender.name() + ".jfr");
					try (Recording recording = recording()) {
						recording.start();
						LoadRunner.Round round = LoadRunner.run(contender, 16, Duration.ofSeconds(seconds));
						recording.stop();
						recording.dump(file);
						System.out.printf("%n== %s mode, c=16, %d s: %.0f req/s; recording %s%n", contender.name(),
								seconds, round.throughput(), file);
					}
					summarise(file);
				}
			}
		}
	}

	// checkoutRestClient (certificate mode) and a plain RestClient over a raw client, one
	// after the other, each recorded while it runs alone at c=16 (-Dbench.c=N for
	// another concurrency), with the new connections the echo server saw meanwhile.
	private static void profileRestClients(BenchPki pki, CheckoutMtlsSimulator simulator, EchoServer echo, int seconds)
			throws IOException, ParseException {
		try (ConfigurableApplicationContext context = StarterApplication
			.start(StarterApplication.starterProperties(pki, echo.baseUrl(), simulator.accessBaseUrl(), false));
				RawClient raw = new RawClient(pki.clientContext(pki.ec, BenchPki.autoProvider()), echo.baseUrl(),
						Benchmarks.MAX_CONNECTIONS)) {
			int concurrency = Integer.getInteger("bench.c", 16);
			System.out.println("  RestClient contenders run their calls on " + Blocking.THREADS);
			Contender starter = StarterApplication.restContender("rest-starter", context);
			Contender plain = raw.restClientContender("rest-plain", echo.baseUrl());
			// Both warmed up, twice each, before either is recorded: the first passes
			// over a fresh JVM measure the JIT (the starter's read 4,857 req/s, then
			// 26,790).
			// One recording from before the warm-up to the end: starting a recording
			// changes the JVM's instrumentation state and sends compiled code back to
			// the JIT, which would land in the first measured run. Both are warmed up
			// twice, then measured twice, alternating; each client's samples are those
			// of its own measured runs.
			Path file = pki.directory.resolve("profile-rest.jfr");
			Map<String, List<Instant[]>> windows = new LinkedHashMap<>();
			Map<String, Long> requests = new LinkedHashMap<>();
			try (Recording recording = recording()) {
				recording.start();
				for (Contender contender : List.of(starter, plain, starter, plain)) {
					LoadRunner.run(contender, concurrency, Duration.ofSeconds(5));
				}
				for (Contender contender : List.of(starter, plain, plain, starter)) {
					long handshakes = echo.handshakes();
					long[] reads = echo.socketReads();
					ThreadCpu before = ThreadCpu.now();
					Instant from = Instant.now();
					LoadRunner.Round round = LoadRunner.run(contender, concurrency, Duration.ofSeconds(seconds));
					Instant to = Instant.now();
					ThreadCpu after = ThreadCpu.now();
					windows.computeIfAbsent(contender.name(), (name) -> new ArrayList<>())
						.add(new Instant[] { from, to });
					requests.merge(contender.name(), round.requests(), Long::sum);
					long[] readsAfter = echo.socketReads();
					System.out
						.printf("  %s, c=%d, %d s (%s to %s): %.0f req/s, %d new connections; the echo server's socket"
								+ " reads per request %.3f (%.1f bytes each); CPU us per request (from /proc): %s%n",
								contender.name(), concurrency, seconds, from, to, round.throughput(),
								echo.handshakes() - handshakes, (readsAfter[0] - reads[0]) / (double) round.requests(),
								(readsAfter[1] - reads[1]) / (double) Math.max(1, readsAfter[0] - reads[0]),
								after.perRequest(before, round.requests()));
				}
				recording.stop();
				recording.dump(file);
			}
			System.out.println("  recording " + file);
			for (Map.Entry<String, List<Instant[]>> entry : windows.entrySet()) {
				System.out.printf("%n== %s, c=%d, its two measured runs%n", entry.getKey(), concurrency);
				summarise(file, requests.get(entry.getKey()), entry.getValue());
			}
		}
	}

	// JFR's "profile" settings, with Java execution sampled every
	// -Dbench.profile.period-ms (10 ms, the settings' own, by default): at 1 ms a 10 s
	// recording holds enough samples to compare items of a few percent.
	private static Recording recording() throws IOException, ParseException {
		Recording recording = new Recording(Configuration.getConfiguration("profile"));
		long period = Long.getLong("bench.profile.period-ms", 10);
		recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(period));
		// -Dbench.profile.cpu-ms=N also samples every N ms of each thread's CPU
		// (jdk.CPUTimeSample, experimental, Java 25 on Linux): where the CPU goes, not
		// the time threads spend waiting for a core. The summary below counts execution
		// samples; read these with jfr print --events jdk.CPUTimeSample.
		String cpu = System.getProperty("bench.profile.cpu-ms");
		if (cpu != null && Runtime.version().feature() >= 25) {
			recording.enable("jdk.CPUTimeSample").with("throttle", cpu + "ms");
		}
		return recording;
	}

	static void summarise(Path file) throws IOException {
		summarise(file, 0, List.of());
	}

	// With the recorded requests known, also the samples per million requests of each
	// kind of thread: where a client's work lands (its event loops, the calling threads)
	// shows even when the totals are on par.
	static void summarise(Path file, long requests, List<Instant[]> windows) throws IOException {
		Map<String, Integer> inclusive = new HashMap<>();
		Map<String, Integer> self = new HashMap<>();
		Map<String, Integer> selfOwn = new HashMap<>();
		Map<String, Integer> byThread = new java.util.TreeMap<>();
		int samples = 0;
		int withOwn = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
			if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
					|| !within(event.getStartTime(), windows)) {
				continue;
			}
			samples++;
			byThread.merge(threadKind(event), 1, Integer::sum);
			List<RecordedFrame> frames = event.getStackTrace().getFrames();
			if (!frames.isEmpty()) {
				self.merge(name(frames.get(0)), 1, Integer::sum);
				if (isOwn(frames.get(0))) {
					selfOwn.merge(name(frames.get(0)), 1, Integer::sum);
				}
			}
			Set<String> seen = new HashSet<>();
			for (RecordedFrame frame : frames) {
				if (isOwn(frame) && seen.add(name(frame))) {
					inclusive.merge(name(frame), 1, Integer::sum);
				}
			}
			if (!seen.isEmpty()) {
				withOwn++;
			}
		}
		System.out.printf(
				"  %d execution samples; %d (%.1f%%) have a frame of the starter's code on the stack, "
						+ "%d (%.1f%%) are in the starter's code itself%n",
				samples, withOwn, pct(withOwn, samples), selfOwn.values().stream().mapToInt(Integer::intValue).sum(),
				pct(selfOwn.values().stream().mapToInt(Integer::intValue).sum(), samples));
		System.out.println("  starter frames, by samples with the frame anywhere on the stack (inclusive):");
		top(inclusive, 12, samples);
		System.out.println("  starter frames at the top of the stack (self time):");
		top(selfOwn, 8, samples);
		System.out.println("  top frames overall (self time):");
		top(self, 12, samples);
		if (requests > 0) {
			System.out
				.println(
						"  samples per million requests, by thread: "
								+ byThread.entrySet()
									.stream()
									.map((entry) -> entry.getKey() + " "
											+ Math.round(entry.getValue() * 1e6 / requests))
									.collect(java.util.stream.Collectors.joining(", "))
								+ " (all: " + Math.round(samples * 1e6 / requests) + ")");
		}
	}

	// Every event when no windows are given.
	private static boolean within(Instant time, List<Instant[]> windows) {
		if (windows.isEmpty()) {
			return true;
		}
		for (Instant[] window : windows) {
			if (!time.isBefore(window[0]) && !time.isAfter(window[1])) {
				return true;
			}
		}
		return false;
	}

	private static String threadKind(RecordedEvent event) {
		String name = (event.getThread("sampledThread") != null) ? event.getThread("sampledThread").getJavaName()
				: null;
		if (name == null || name.isEmpty()) {
			return "virtual";
		}
		return ThreadCpu.kind(name);
	}

	private static void top(Map<String, Integer> counts, int limit, int samples) {
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(limit)
			.forEach((entry) -> System.out.printf("    %5d %5.1f%%  %s%n", entry.getValue(),
					pct(entry.getValue(), samples), entry.getKey()));
	}

	private static boolean isOwn(RecordedFrame frame) {
		String type = frame.getMethod().getType().getName();
		return type.startsWith(OWN) && !type.startsWith(OWN + "benchmarks.") && !type.startsWith(OWN + "test.");
	}

	private static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

	private static double pct(int count, int total) {
		return (total == 0) ? 0 : 100.0 * count / total;
	}

}
