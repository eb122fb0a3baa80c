package io.github.checkoutmtls.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.identity.CertificateChecks;
import io.github.checkoutmtls.identity.ClientIdentityLoader;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import reactor.core.publisher.Flux;

/**
 * Runs every comparison in one process, against the same local servers, alternating the
 * contenders round by round after a warm-up, and prints medians and ratios.
 * {@code --quick} (3 short rounds, in-JVM JMH with interleaved CPU-time ratios) aims at
 * under two minutes on an idle 2-core machine; the default (full) mode takes 7 rounds of
 * everything and forks JMH. {@code --blockhound} and {@code --profile} are checks of the
 * hot path rather than benchmarks.
 */
public final class Benchmarks {

	static final int[] CONCURRENCY = { 1, 16, 128 };

	// The starter's default checkout.mtls.http.max-connections, for every client; another
	// with -Dbench.max-connections=N
	static final int MAX_CONNECTIONS = Integer.getInteger("bench.max-connections", 100);

	static final String PLAIN_WEB = "plain WebClient over raw";

	static final String PLAIN_REST = "plain RestClient over raw";

	static final String PLAIN_WEB_BEARER = "plain WebClient + token, over raw";

	static final String PLAIN_REST_BEARER = "plain RestClient + token, over raw";

	static final String CONTROL_WEB = "control: plain WebClient, 2nd pool";

	static final String CONTROL_REST = "control: plain RestClient, 2nd pool";

	private final BenchConfig config;

	private final Results results = new Results();

	private final BenchPki pki = new BenchPki();

	private final List<AutoCloseable> resources = new ArrayList<>();

	// -Dbench.round-cpu=true: each measured round also prints the CPU time per request
	// of each kind of thread (from /proc), JIT compilers included.
	private static final boolean ROUND_CPU = Boolean.getBoolean("bench.round-cpu");

	// -Dbench.settle-jit=true (set in --e2e's forks): after the warm-up, more warm-up
	// passes until the JIT compilers are quiet.
	private static final boolean SETTLE_JIT = Boolean.getBoolean("bench.settle-jit");

	private final java.util.Set<String> warmedUp = new java.util.HashSet<>();

	private Benchmarks(BenchConfig config) {
		this.config = config;
	}

	public static void main(String[] args) throws Exception {
		List<String> arguments = Arrays.asList(args);
		if (arguments.contains(Startup.PROBE)) {
			int at = arguments.indexOf(Startup.PROBE);
			Startup.probe(args[at + 1], args[at + 2], args[at + 3], args[at + 4], args[at + 5], args[at + 6],
					args[at + 7]);
			System.exit(0);
		}
		if (arguments.contains(LoadCheck.FLAG)) {
			System.exit(LoadCheck.run());
		}
		if (arguments.contains("--blockhound")) {
			System.exit(BlockHoundCheck.run(arguments));
		}
		if (arguments.contains("--profile")) {
			Profile.run(arguments);
			System.exit(0);
		}
		BenchConfig config = arguments.contains("--quick") ? BenchConfig.quickMode() : BenchConfig.fullMode();
		config = config.withRounds(Forks.option(arguments, "--rounds", config.rounds()));
		if (arguments.contains(ForkedInterleaved.FLAG)) {
			System.exit(ForkedInterleaved.run(arguments));
		}
		if (arguments.contains(Jmh.FLAG)) {
			Results results = new Results();
			Jmh.run(config.quick(), Forks.option(arguments, "--forks", 3), results);
			results.print("In-process pipeline cost (" + (config.quick() ? "quick" : "full") + ", " + Machine.describe()
					+ ")");
			System.exit(0);
		}
		if (arguments.contains("--startup")) {
			config = config.withStartupRuns(Forks.option(arguments, "--starts", config.startupRuns()));
			new Benchmarks(config).runStartup();
			System.exit(0);
		}
		if (arguments.contains("--decompose")) {
			new Benchmarks(config).runDecompose();
			System.exit(0);
		}
		if (arguments.contains("--e2e")) {
			if (ForkedEndToEnd.isFork() || arguments.contains("--forks") && ForkedEndToEnd.forks(arguments) == 0) {
				new Benchmarks(ForkedEndToEnd.isFork() ? ForkedEndToEnd.forkConfig(config) : config).runEndToEnd();
			}
			else {
				System.exit(ForkedEndToEnd.run(arguments));
			}
			System.exit(0);
		}
		new Benchmarks(config).run();
		System.exit(0);
	}

	private void run() throws Exception {
		long started = System.nanoTime();
		System.out.println("checkout-mtls benchmarks, " + (this.config.quick() ? "quick" : "full") + " mode: "
				+ Machine.describe());
		System.out.println("Load average at start: " + Machine.loadAverage());
		System.out.println("Servers use " + BenchPki.autoProvider() + "; the starter's ssl-provider=auto resolves to "
				+ BenchPki.autoProvider() + " (netty-tcnative " + (OpenSsl.isAvailable() ? "present" : "absent") + ")");
		// First, in a JVM that has run nothing else yet: the pipeline's in-process cost
		// (JMH).
		timed(() -> {
			section("5. In-process cost of the request pipeline (JMH, in-memory exchange)");
			Jmh.run(this.config.quick(), this.results);
		});
		CheckoutMtlsSimulator simulator = BenchSimulator.start(this.pki);
		EchoServer echo = new EchoServer(this.pki, BenchPki.autoProvider());
		try {
			timed(() -> overhead(simulator, echo));
			timed(() -> alternatives(simulator, echo));
			timed(() -> connections(simulator, echo));
			timed(() -> startup(simulator, echo));
		}
		finally {
			closeAll(echo, simulator);
		}
		this.results.print(String.format("Results (%s mode, %d rounds, %.0f s in all, %s, load average at end %s)",
				this.config.quick() ? "quick" : "full", this.config.rounds(), (System.nanoTime() - started) / 1e9,
				Machine.describe(), Machine.loadAverage()));
	}

	private void runStartup() throws Exception {
		CheckoutMtlsSimulator simulator = BenchSimulator.start(this.pki);
		EchoServer echo = new EchoServer(this.pki, BenchPki.autoProvider());
		try {
			timed(() -> startup(simulator, echo));
		}
		finally {
			echo.close();
			simulator.close();
		}
		this.results.print("Startup (" + this.config.startupRuns() + " starts of each kind, " + Machine.describe()
				+ ", load average at end " + Machine.loadAverage() + ")");
	}

	private void runEndToEnd() throws Exception {
		System.out.println("End to end only (section 1), " + this.config.rounds() + " interleaved rounds of "
				+ this.config.roundLength().toMillis() + " ms: " + Machine.describe());
		System.out.println("Load average at start: " + Machine.loadAverage());
		CheckoutMtlsSimulator simulator = BenchSimulator.start(this.pki);
		EchoServer echo = new EchoServer(this.pki, BenchPki.autoProvider());
		try {
			timed(() -> overhead(simulator, echo));
		}
		finally {
			closeAll(echo, simulator);
		}
		this.results.print("End to end (" + this.config.rounds() + " rounds, " + Machine.describe()
				+ ", load average at end " + Machine.loadAverage() + ")");
	}

	private void runDecompose() throws Exception {
		System.out.println("Where the end-to-end gap lies, certificate mode, " + this.config.rounds()
				+ " interleaved rounds of " + this.config.roundLength().toMillis() + " ms: " + Machine.describe());
		System.out.println("Load average at start: " + Machine.loadAverage());
		CheckoutMtlsSimulator simulator = BenchSimulator.start(this.pki);
		EchoServer echo = new EchoServer(this.pki, BenchPki.autoProvider());
		try {
			ConfigurableApplicationContext cert = context(StarterApplication.start(
					StarterApplication.starterProperties(this.pki, echo.baseUrl(), simulator.accessBaseUrl(), false)));
			RawClient raw = closing(new RawClient(this.pki.clientContext(this.pki.ec, BenchPki.autoProvider()),
					echo.baseUrl(), MAX_CONNECTIONS));
			io.github.checkoutmtls.connector.CheckoutMtlsConnector connector = cert
				.getBean(io.github.checkoutmtls.connector.CheckoutMtlsConnector.class);
			connector.warmUp();
			List<Contender> contenders = new ArrayList<>(List.of(
					raw.webClientContender("plain WebClient over raw", echo.baseUrl()),
					webClientOver("plain WebClient over starter transport",
							io.github.checkoutmtls.connector.StarterTransports.transportOf(connector), echo.baseUrl()),
					webClientOver("plain WebClient over starter connector", connector, echo.baseUrl()),
					StarterApplication.contender("starter, certificate", cert)));
			// Each named setting once: two contenders of one name would share their
			// rounds.
			for (String feature : new java.util.LinkedHashSet<>(
					Arrays.asList(System.getProperty("bench.variants", "").split(",")))) {
				if (!feature.isBlank()) {
					contenders.add(closing(variant(feature, echo.baseUrl())).webClientContender("raw + " + feature,
							echo.baseUrl()));
				}
			}
			for (int concurrency : Integer.getInteger("bench.c") != null ? new int[] { Integer.getInteger("bench.c") }
					: CONCURRENCY) {
				Map<String, List<LoadRunner.Round>> rounds = measure(contenders, concurrency);
				printRounds(concurrency, rounds);
				List<LoadRunner.Round> baseline = rounds.get(contenders.get(0).name());
				for (Contender contender : contenders.subList(1, contenders.size())) {
					List<LoadRunner.Round> measured = rounds.get(contender.name());
					List<Double> perRound = ratios(measured, baseline, LoadRunner.Round::throughput);
					this.results.add("1",
							contender.name() + ", c=" + concurrency + ": throughput / " + contenders.get(0).name(),
							Results.ratio(medianRatio(measured, baseline, LoadRunner.Round::throughput)) + String
								.format(" (quartiles %.2f-%.2f)", quantile(perRound, 0.25), quantile(perRound, 0.75)),
							"(reported)", null);
				}
			}
		}
		finally {
			closeAll(echo, simulator);
		}
		this.results.print("Decomposition (" + this.config.rounds() + " rounds, " + Machine.describe()
				+ ", load average at end " + Machine.loadAverage() + ")");
	}

	// A raw client with one of the starter's transport settings: none, metrics, evict,
	// activity or options.
	private RawClient variant(String feature, String baseUrl) {
		return new RawClient(this.pki.clientContext(this.pki.ec, BenchPki.autoProvider()), baseUrl, MAX_CONNECTIONS,
				(pool) -> switch (feature) {
					case "metrics" -> pool.metrics(true, io.github.checkoutmtls.connector.StarterTransports::poolUsage);
					case "evict" ->
						pool.evictInBackground(Duration.ofSeconds(30)).disposeTimeout(Duration.ofSeconds(65));
					default -> pool;
				}, (client) -> switch (feature) {
					case "activity" -> io.github.checkoutmtls.connector.StarterTransports.withTlsActivity(client);
					case "options" -> client.option(io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
						.disableRetry(true)
						.proxyWithSystemProperties();
					default -> client;
				});
	}

	private static Contender webClientOver(String name,
			org.springframework.http.client.reactive.ClientHttpConnector connector, String baseUrl) {
		org.springframework.web.reactive.function.client.WebClient client = org.springframework.web.reactive.function.client.WebClient
			.builder()
			.baseUrl(baseUrl)
			.clientConnector(connector)
			.build();
		return new Contender(name, () -> StarterApplication.get(client));
	}

	// 1. Overhead against the transport limit
	private void overhead(CheckoutMtlsSimulator simulator, EchoServer echo) {
		section("1. Overhead vs raw Reactor Netty (echo server, GET with a small JSON body)");
		ConfigurableApplicationContext cert = context(StarterApplication
			.start(StarterApplication.starterProperties(this.pki, echo.baseUrl(), simulator.accessBaseUrl(), false)));
		ConfigurableApplicationContext jwt = context(StarterApplication
			.start(StarterApplication.starterProperties(this.pki, echo.baseUrl(), simulator.accessBaseUrl(), true)));
		RawClient raw = closing(new RawClient(this.pki.clientContext(this.pki.ec, BenchPki.autoProvider()),
				echo.baseUrl(), MAX_CONNECTIONS));
		System.out.println("  RestClient contenders run their calls on " + Blocking.THREADS);
		// The control: the same plain clients over a second, identical client and pool.
		// Its ratio to the first shows what the loop can resolve: connections spread over
		// the event loops differently in each pool, which moves a whole run's ratio.
		RawClient control = closing(new RawClient(this.pki.clientContext(this.pki.ec, BenchPki.autoProvider()),
				echo.baseUrl(), MAX_CONNECTIONS));
		// The jwt rows' baseline sends the very token the starter sends: the header's
		// bytes are the request's, not the starter's, cost.
		StarterApplication.get(jwt.getBean("checkoutWebClient", WebClient.class)).block();
		String authorization = echo.authorization();
		List<Contender> contenders = List.of(raw.contender("raw Reactor Netty"),
				raw.webClientContender(PLAIN_WEB, echo.baseUrl()),
				StarterApplication.contender("starter, certificate", cert),
				StarterApplication.contender("starter, jwt (cached)", jwt),
				raw.restClientContender(PLAIN_REST, echo.baseUrl()),
				StarterApplication.restContender("starter RestClient, certificate", cert),
				StarterApplication.restContender("starter RestClient, jwt (cached)", jwt),
				control.webClientContender(CONTROL_WEB, echo.baseUrl()),
				control.restClientContender(CONTROL_REST, echo.baseUrl()),
				raw.webClientContender(PLAIN_WEB_BEARER, echo.baseUrl(), authorization),
				raw.restClientContender(PLAIN_REST_BEARER, echo.baseUrl(), authorization));
		// -Dbench.c=N: only that concurrency (--e2e passes it on to its forks).
		for (int concurrency : (Integer.getInteger("bench.c") != null) ? new int[] { Integer.getInteger("bench.c") }
				: CONCURRENCY) {
			Map<String, List<LoadRunner.Round>> rounds = measure(contenders, concurrency);
			printRounds(concurrency, rounds);
			List<LoadRunner.Round> baseline = rounds.get(contenders.get(0).name());
			for (Contender contender : contenders.subList(1, contenders.size())) {
				List<LoadRunner.Round> measured = rounds.get(contender.name());
				double throughput = medianRatio(measured, baseline, LoadRunner.Round::throughput);
				double p99 = medianRatio(measured, baseline, LoadRunner.Round::p99);
				double p50 = medianRatio(measured, baseline, LoadRunner.Round::p50);
				String label = contender.name() + ", c=" + concurrency;
				this.results.add("1", label + ": throughput / raw",
						Results.ratio(throughput) + " ("
								+ Results.number(median(measured, LoadRunner.Round::throughput)) + " vs "
								+ Results.number(median(baseline, LoadRunner.Round::throughput)) + " req/s)",
						"(the limit)", null);
				this.results.add("1", label + ": p99 / raw",
						Results.ratio(p99) + " (" + Results.number(median(measured, LoadRunner.Round::p99)) + " vs "
								+ Results.number(median(baseline, LoadRunner.Round::p99)) + " us); p50 ratio "
								+ Results.ratio(p50),
						"(the limit)", null);
				this.results.headline(String.format("%-24s c=%-3d throughput %.3f of raw, p99 %.3f of raw",
						contender.name(), concurrency, throughput, p99));
			}
			// What the starter adds on top of Spring's plain client of the same style
			// over the same transport. Each pair: the starter (or a control), then the
			// plain client it is compared with.
			for (int[] pair : new int[][] { { 2, 1 }, { 3, 9 }, { 7, 1 }, { 5, 4 }, { 6, 10 }, { 8, 4 } }) {
				Contender contender = contenders.get(pair[0]);
				Contender plainClient = contenders.get(pair[1]);
				List<LoadRunner.Round> measured = rounds.get(contender.name());
				List<LoadRunner.Round> plainRounds = rounds.get(plainClient.name());
				double ratio = medianRatio(measured, plainRounds, LoadRunner.Round::throughput);
				List<Double> perRound = ratios(measured, plainRounds, LoadRunner.Round::throughput);
				if (ForkedEndToEnd.isFork()) {
					ForkedEndToEnd.report(concurrency, contender.name(), plainClient.name(), perRound);
				}
				this.results.add("1", contender.name() + ", c=" + concurrency + ": throughput / " + plainClient.name(),
						Results.ratio(ratio)
								+ String.format(" (per-round ratios %s, quartiles %.2f-%.2f); p99 ratio ",
										perRound.stream().map((r) -> String.format("%.2f", r)).toList(),
										quantile(perRound, 0.25), quantile(perRound, 0.75))
								+ Results.ratio(medianRatio(measured, plainRounds, LoadRunner.Round::p99)),
						">= 0.97", ratio >= 0.97);
				this.results.headline(String.format("%-32s c=%-3d throughput %.3f of %s", contender.name(), concurrency,
						ratio, plainClient.name()));
			}
		}
	}

	// 2. Against the alternatives, on the simulator (tokens required)
	// Tokens come from the simulator; API requests go to the echo server, because the
	// simulator's own
	// per-request work (token verification, recording) would cap all three at the same
	// low rate.
	private void alternatives(CheckoutMtlsSimulator simulator, EchoServer echo) {
		section("2. Against the alternatives (tokens from the simulator's access host, API on the echo server)");
		int burst = 1000;
		// Starter
		int before = simulator.tokenRequests();
		ConfigurableApplicationContext starter = context(StarterApplication
			.start(StarterApplication.starterProperties(this.pki, echo.baseUrl(), simulator.accessBaseUrl(), true)));
		Contender starterContender = StarterApplication.contender("starter, jwt", starter);
		long starterFailures = burst(starterContender, burst);
		int starterTokens = simulator.tokenRequests() - before;
		// Starter, RestClient (the same pipeline and token cache behind a blocking front)
		before = simulator.tokenRequests();
		ConfigurableApplicationContext starterRest = context(StarterApplication
			.start(StarterApplication.starterProperties(this.pki, echo.baseUrl(), simulator.accessBaseUrl(), true)));
		long starterRestFailures = burst(StarterApplication.restContender("starter RestClient, jwt", starterRest),
				burst);
		int starterRestTokens = simulator.tokenRequests() - before;
		// Do-it-yourself Spring
		before = simulator.tokenRequests();
		ConfigurableApplicationContext diy = context(
				DiyApplication.start(this.pki, echo.baseUrl(), simulator.tokenUrl()));
		Contender diyContender = DiyApplication.contender("DIY Spring (bundle + OAuth2 filter)", diy);
		long diyFailures = burst(diyContender, burst);
		int diyTokens = simulator.tokenRequests() - before;
		// Checkout's SDK
		before = simulator.tokenRequests();
		SdkClient sdk = null;
		Contender sdkContender = null;
		String sdkTokens;
		long sdkFailures = 0;
		try {
			sdk = closing(new SdkClient(this.pki, echo.baseUrl(), simulator.tokenUrl()));
			int atBuild = simulator.tokenRequests() - before;
			sdkContender = sdk.contender("Checkout SDK " + CheckoutSdkVersion.VERSION);
			sdkFailures = burst(sdkContender, burst);
			sdkTokens = (simulator.tokenRequests() - before) + " (" + atBuild + " fetched eagerly, blocking, at build)";
		}
		catch (RuntimeException ex) {
			sdkTokens = "n/a: " + ex;
			System.err.println("Checkout SDK failed: " + ex);
		}
		this.results.add("2", "token requests, cold burst of " + burst + ": starter",
				starterTokens + " (" + starterFailures + " failed requests)", "1", starterTokens == 1);
		this.results.add("2",
				"token requests, cold burst of " + burst + ": starter RestClient (" + Blocking.THREADS + ")",
				starterRestTokens + " (" + starterRestFailures + " failed requests)", "1", starterRestTokens == 1);
		this.results.add("2", "token requests, cold burst of " + burst + ": DIY Spring",
				diyTokens + " (" + diyFailures + " failed requests)", "(reported)", null);
		this.results.add("2", "token requests, cold burst of " + burst + ": Checkout SDK",
				sdkTokens + " (" + sdkFailures + " failed requests)", "(reported)", null);
		List<Contender> contenders = new ArrayList<>(List.of(starterContender, diyContender));
		if (sdkContender != null) {
			contenders.add(sdkContender);
		}
		int concurrency = 16;
		Map<String, long[]> handshakes = new LinkedHashMap<>();
		Map<String, List<LoadRunner.Round>> rounds = measure(contenders, concurrency, echo, handshakes);
		printRounds(concurrency, rounds);
		handshakes.forEach((name, counts) -> this.results.add("2",
				"new connections (mTLS handshakes) per 1,000 requests at c=" + concurrency + ": " + name,
				String.format("%.1f", 1000.0 * counts[0] / Math.max(1, counts[1])), "(reported)", null));
		List<LoadRunner.Round> baseline = rounds.get(starterContender.name());
		for (Contender contender : contenders.subList(1, contenders.size())) {
			List<LoadRunner.Round> measured = rounds.get(contender.name());
			double ratio = medianRatio(baseline, measured, LoadRunner.Round::throughput);
			this.results.add("2", "throughput starter / " + contender.name() + ", c=" + concurrency,
					Results.ratio(ratio) + " (" + Results.number(median(baseline, LoadRunner.Round::throughput))
							+ " vs " + Results.number(median(measured, LoadRunner.Round::throughput)) + " req/s)",
					"> 1", ratio > 1);
			this.results.headline(String.format("starter vs %-34s throughput x%.2f", contender.name(), ratio));
		}
	}

	// 3. Connections and handshakes
	private void connections(CheckoutMtlsSimulator simulator, EchoServer echo) {
		section("3. Connections and handshakes");
		// Quick: still 30 requests per allowed connection, enough to tell reuse from a
		// new connection per request.
		int requests = this.config.quick() ? 3_000 : 10_000;
		for (boolean jwt : new boolean[] { false, true }) {
			ConfigurableApplicationContext context = context(StarterApplication
				.start(StarterApplication.starterProperties(this.pki, echo.baseUrl(), simulator.accessBaseUrl(), jwt)));
			Contender contender = StarterApplication.contender(jwt ? "starter, jwt" : "starter, certificate", context);
			long before = echo.handshakes();
			LoadRunner.runCount(contender, 128, requests);
			long handshakes = echo.handshakes() - before;
			this.results.add("3", "handshakes per " + requests + " requests at c=128, " + contender.name(),
					String.valueOf(handshakes), "<= " + MAX_CONNECTIONS + " (max-connections)",
					handshakes <= MAX_CONNECTIONS);
			context.close();
		}
		ConfigurableApplicationContext restContext = context(StarterApplication
			.start(StarterApplication.starterProperties(this.pki, echo.baseUrl(), simulator.accessBaseUrl(), false)));
		long restBefore = echo.handshakes();
		LoadRunner.runCount(StarterApplication.restContender("starter RestClient, certificate", restContext), 128,
				requests);
		long restHandshakes = echo.handshakes() - restBefore;
		this.results.add("3", "handshakes per " + requests + " requests at c=128, starter RestClient, certificate",
				String.valueOf(restHandshakes), "<= " + MAX_CONNECTIONS + " (max-connections)",
				restHandshakes <= MAX_CONNECTIONS);
		restContext.close();
		Map<String, HandshakeCost> costs = new LinkedHashMap<>();
		List<SslProvider> providers = OpenSsl.isAvailable() ? List.of(SslProvider.JDK, SslProvider.OPENSSL)
				: List.of(SslProvider.JDK);
		for (SslProvider provider : providers) {
			for (TestPki leaf : List.of(this.pki.rsa, this.pki.ec)) {
				String name = provider + ", " + ((leaf == this.pki.rsa) ? "RSA-2048" : "EC P-256") + " leaf";
				costs.put(name, new HandshakeCost(this.pki.clientContext(leaf, provider), echo.baseUrl()));
			}
		}
		Map<String, List<Double>> fresh = new LinkedHashMap<>();
		Map<String, List<Double>> delta = new LinkedHashMap<>();
		costs.forEach((name, cost) -> {
			cost.medianMicros(true, 10);
			cost.medianMicros(false, 10);
			fresh.put(name, new ArrayList<>());
			delta.put(name, new ArrayList<>());
		});
		List<String> names = new ArrayList<>(costs.keySet());
		for (int round = 0; round < this.config.rounds(); round++) {
			for (String name : rotate(names, round)) {
				HandshakeCost cost = costs.get(name);
				double newConnection = cost.medianMicros(true, this.config.handshakeConnections());
				double keptAlive = cost.medianMicros(false, this.config.handshakeConnections());
				fresh.get(name).add(newConnection);
				delta.get(name).add(newConnection - keptAlive);
			}
		}
		for (String name : names) {
			System.out.printf("  handshake %-28s new connection p50 %8.0f us, handshake+connect cost %8.0f us%n", name,
					Stats.median(fresh.get(name)), Stats.median(delta.get(name)));
			this.results
				.add("3", "full handshake cost (connect + mTLS handshake), client " + name,
						String.format("%.2f ms (request on a new connection: %.2f ms)",
								Stats.median(delta.get(name)) / 1e3, Stats.median(fresh.get(name)) / 1e3),
						"(reported)", null);
		}
	}

	// 4. Startup
	private void startup(CheckoutMtlsSimulator simulator, EchoServer echo) {
		section("4. Startup");
		List<Startup.Run> plain = new ArrayList<>();
		List<Startup.Run> starter = new ArrayList<>();
		List<Double> starterFirst = new ArrayList<>();
		List<Double> diyFirst = new ArrayList<>();
		for (int run = 0; run < this.config.startupRuns(); run++) {
			boolean plainFirst = run % 2 == 0;
			if (plainFirst) {
				plain.add(Startup.measure("plain", this.pki));
			}
			starter.add(Startup.measure("starter", this.pki));
			if (!plainFirst) {
				plain.add(Startup.measure("plain", this.pki));
			}
			for (String kind : plainFirst ? List.of("starter-first", "diy-first")
					: List.of("diy-first", "starter-first")) {
				double first = Startup
					.measure(kind, this.pki, echo.baseUrl(), simulator.tokenUrl(), simulator.accessBaseUrl())
					.firstResponseMillis();
				("starter-first".equals(kind) ? starterFirst : diyFirst).add(first);
			}
		}
		// Each start is compared with the other kind's start next to it: the machine's
		// speed drifts over a run, and a difference of medians carries that drift.
		List<Double> wall = paired(starter, plain, Startup.Run::contextMillis);
		List<Double> mainCpu = paired(starter, plain, Startup.Run::mainCpuMillis);
		List<Double> processCpu = paired(starter, plain, Startup.Run::processCpuMillis);
		List<Double> classes = paired(starter, plain, Startup.Run::classes);
		List<Double> firstResponse = differences(starterFirst, diyFirst);
		double extra = Stats.median(wall);
		double extraCpu = Stats.median(mainCpu);
		double firstDelta = Stats.median(firstResponse);
		double ownBeans = startupMedian(starter, Startup.Run::checkoutBeansMillis);
		System.out.printf(
				"  context start: plain WebClient %s ms, starter %s ms; main-thread CPU plain %s, starter %s ms;"
						+ " process CPU plain %s, starter %s ms%n",
				plain.stream().map((r) -> Math.round(r.contextMillis())).toList(),
				starter.stream().map((r) -> Math.round(r.contextMillis())).toList(),
				plain.stream().map((r) -> Math.round(r.mainCpuMillis())).toList(),
				starter.stream().map((r) -> Math.round(r.mainCpuMillis())).toList(),
				plain.stream().map((r) -> Math.round(r.processCpuMillis())).toList(),
				starter.stream().map((r) -> Math.round(r.processCpuMillis())).toList());
		System.out.printf("  first response after JVM start: starter %s ms, DIY %s ms%n", starterFirst, diyFirst);
		this.results.add("4", "context start, starter vs plain WebClient app (fresh JVMs, paired differences)",
				pairedSummary(wall, startupMedian(starter, Startup.Run::contextMillis),
						startupMedian(plain, Startup.Run::contextMillis), " ms"),
				"<= +150 ms", extra <= 150);
		this.results.add("4", "main-thread CPU time of that start, starter vs plain (paired differences)",
				pairedSummary(mainCpu, startupMedian(starter, Startup.Run::mainCpuMillis),
						startupMedian(plain, Startup.Run::mainCpuMillis), " ms"),
				"<= +150 ms", extraCpu <= 150);
		this.results.add("4", "process CPU time of that start (all threads, JIT and GC included), starter vs plain",
				pairedSummary(processCpu, startupMedian(starter, Startup.Run::processCpuMillis),
						startupMedian(plain, Startup.Run::processCpuMillis), " ms"),
				"(reported)", null);
		this.results.add(
				"4", "classes loaded by the end of the start, starter vs plain", pairedSummary(classes,
						startupMedian(starter, Startup.Run::classes), startupMedian(plain, Startup.Run::classes), ""),
				"(reported)", null);
		this.results.add("4", "wall time inside the starter's beans (checkout*, incl. Boot beans they pull in)",
				String.format("%.0f ms", ownBeans), "(reported)", null);
		this.results.add("4", "JVM start to first successful response (jwt): starter vs DIY Spring (paired)",
				pairedSummary(firstResponse, Stats.median(starterFirst), Stats.median(diyFirst), " ms"), "<= 0",
				firstDelta <= 0);
		this.results.startupHeadline(String.format(
				"startup: %+.0f ms wall, %+.0f ms main-thread CPU over a plain WebClient application; first response %+.0f ms vs DIY"
						+ " (medians of %d paired starts)",
				extra, extraCpu, firstDelta, wall.size()));
		Map<String, ClientIdentityLoader> loaders = KeyFormats.loaders(this.pki);
		CertificateChecks checks = KeyFormats.checks();
		Map<String, Double> first = new LinkedHashMap<>();
		Map<String, List<Double>> warm = new LinkedHashMap<>();
		loaders.forEach((name, loader) -> {
			first.put(name, KeyFormats.loadAndCheckMicros(loader, checks));
			warm.put(name, new ArrayList<>());
		});
		List<String> names = KeyFormats.names(loaders);
		for (int round = 0; round < this.config.rounds(); round++) {
			for (String name : rotate(names, round)) {
				List<Double> times = new ArrayList<>();
				for (int i = 0; i < this.config.keyLoads(); i++) {
					times.add(KeyFormats.loadAndCheckMicros(loaders.get(name), checks));
				}
				warm.get(name).add(Stats.median(times));
			}
		}
		for (String name : names) {
			this.results.add("4", "load + validate key material: " + name,
					String.format("%.2f ms warm (first load in this JVM: %.1f ms)", Stats.median(warm.get(name)) / 1e3,
							first.get(name) / 1e3),
					"(reported)", null);
		}
	}

	private Map<String, List<LoadRunner.Round>> measure(List<Contender> contenders, int concurrency) {
		return measure(contenders, concurrency, null, new LinkedHashMap<>());
	}

	/**
	 * Measures, and when given the echo server, counts the handshakes and requests of
	 * each contender's measured rounds.
	 */
	private Map<String, List<LoadRunner.Round>> measure(List<Contender> contenders, int concurrency, EchoServer echo,
			Map<String, long[]> handshakes) {
		Map<String, List<LoadRunner.Round>> rounds = new LinkedHashMap<>();
		for (Contender contender : contenders) {
			LoadRunner.run(contender, concurrency,
					this.warmedUp.add(contender.name()) ? this.config.warmUp().multipliedBy(3) : this.config.warmUp());
			rounds.put(contender.name(), new ArrayList<>());
		}
		if (SETTLE_JIT) {
			settleJit(contenders, concurrency);
		}
		Map<String, JitUse> jit = new LinkedHashMap<>();
		for (int round = 0; round < this.config.rounds(); round++) {
			for (Contender contender : SETTLE_JIT ? shuffle(contenders, round) : rotate(contenders, round)) {
				long before = (echo != null) ? echo.handshakes() : 0;
				ThreadCpu cpu = ThreadCpu.now();
				LoadRunner.Round measured = LoadRunner.run(contender, concurrency, this.config.roundLength());
				ThreadCpu after = ThreadCpu.now();
				jit.computeIfAbsent(contender.name(), (name) -> new JitUse()).add(after.since(cpu));
				if (ROUND_CPU) {
					System.out.printf("  round %d, %s, c=%d: %.0f req/s; CPU us per request: %s%n", round + 1,
							contender.name(), concurrency, measured.throughput(),
							after.perRequest(cpu, measured.requests()));
				}
				rounds.get(contender.name()).add(measured);
				if (echo != null) {
					long[] counts = handshakes.computeIfAbsent(contender.name(), (name) -> new long[2]);
					counts[0] += echo.handshakes() - before;
					counts[1] += measured.requests();
				}
			}
		}
		System.out.println("  c=" + concurrency
				+ " JIT compilers' share of the CPU in each contender's measured rounds (all of them; the loudest one): "
				+ jit.entrySet()
					.stream()
					.map((entry) -> entry.getKey() + " " + entry.getValue())
					.collect(java.util.stream.Collectors.joining(", ")));
		return rounds;
	}

	// Warm-up passes over all the contenders, in a new order each time, until one ran
	// with the JIT compilers under 3 % of the CPU during every contender's turn (at most
	// 6 passes). A C2 compilation that lands in a measured round takes a core from the
	// client measured then: in rounds of 1 s on two cores, such rounds read 0.55-0.75 of
	// their neighbours. A pass as a whole hides it: the first RestClient contender after
	// a WebClient one had the compilers at 7-10 % of its rounds in a pass that read 0.3
	// %.
	private void settleJit(List<Contender> contenders, int concurrency) {
		for (int pass = 1; pass <= 6; pass++) {
			String loudest = null;
			double loudestShare = 0;
			for (Contender contender : shuffle(contenders, 1000 + pass)) {
				ThreadCpu before = ThreadCpu.now();
				LoadRunner.run(contender, concurrency, this.config.warmUp());
				double share = JitUse.share(ThreadCpu.now().since(before));
				if (share >= loudestShare) {
					loudestShare = share;
					loudest = contender.name();
				}
			}
			boolean quiet = loudestShare <= 0.03;
			System.out.printf("  c=%d warm-up pass %d: JIT compilers at most %.1f%% of the CPU (%s)%s%n", concurrency,
					pass, 100 * loudestShare, loudest, quiet ? ": quiet, measuring" : "");
			if (quiet) {
				return;
			}
		}
		System.out.println("  c=" + concurrency + " the JIT compilers were not quiet after 6 passes: measuring anyway");
	}

	// The JIT compilers' CPU in a contender's measured rounds: their share of all the
	// rounds' CPU, and of the loudest round's.
	private static final class JitUse {

		private long compilers;

		private long all;

		private double loudest;

		static double share(Map<String, Long> used) {
			return (double) used.getOrDefault(ThreadCpu.JIT, 0L) / Math.max(1, ThreadCpu.total(used));
		}

		void add(Map<String, Long> used) {
			this.compilers += used.getOrDefault(ThreadCpu.JIT, 0L);
			this.all += ThreadCpu.total(used);
			this.loudest = Math.max(this.loudest, share(used));
		}

		@Override
		public String toString() {
			return String.format("%.1f%% (%.1f%%)", 100.0 * this.compilers / Math.max(1, this.all), 100 * this.loudest);
		}

	}

	// The contenders in an order drawn for this round of this fork (-Dbench.fork, set by
	// --e2e; the same in every run): in a fixed cycle each has the same predecessor every
	// round, and the one after a client of the other style paid for the JIT's
	// recompilations each time. Drawn per fork too, so that no order repeats in every
	// fork.
	private static <T> List<T> shuffle(List<T> items, int round) {
		List<T> shuffled = new ArrayList<>(items);
		java.util.Collections.shuffle(shuffled,
				new java.util.Random(1_000_003L * Integer.getInteger("bench.fork", 0) + round));
		return shuffled;
	}

	private static List<Double> paired(List<Startup.Run> runs, List<Startup.Run> baseline,
			java.util.function.ToDoubleFunction<Startup.Run> f) {
		return differences(runs.stream().map(f::applyAsDouble).toList(),
				baseline.stream().map(f::applyAsDouble).toList());
	}

	// Each value minus the baseline's value measured next to it
	private static List<Double> differences(List<Double> values, List<Double> baseline) {
		List<Double> differences = new ArrayList<>();
		for (int i = 0; i < Math.min(values.size(), baseline.size()); i++) {
			differences.add(values.get(i) - baseline.get(i));
		}
		return differences;
	}

	// The median difference, its quartiles (half the pairs lie between them), and each
	// kind's median
	private static String pairedSummary(List<Double> differences, double median, double baselineMedian, String unit) {
		if (differences.size() < 4) {
			return String.format("%+.0f%s (%.0f vs %.0f%s)", Stats.median(differences), unit, median, baselineMedian,
					unit);
		}
		return String.format("%+.0f%s (quartiles %+.0f to %+.0f, %d pairs; %.0f vs %.0f%s)", Stats.median(differences),
				unit, quantile(differences, 0.25), quantile(differences, 0.75), differences.size(), median,
				baselineMedian, unit);
	}

	private static double startupMedian(List<Startup.Run> runs, java.util.function.ToDoubleFunction<Startup.Run> f) {
		return Stats.median(runs.stream().map(f::applyAsDouble).toList());
	}

	private static long burst(Contender contender, int requests) {
		AtomicLong failures = new AtomicLong();
		Flux.range(0, requests).flatMap((i) -> contender.call().get().then().onErrorResume((ex) -> {
			if (failures.getAndIncrement() == 0) {
				System.err.println(contender.name() + ": burst request failed: " + ex);
			}
			return reactor.core.publisher.Mono.empty();
		}), requests).blockLast(Duration.ofMinutes(2));
		return failures.get();
	}

	private static void printRounds(int concurrency, Map<String, List<LoadRunner.Round>> rounds) {
		rounds.forEach((name, list) -> System.out.printf(
				"  c=%-3d %-36s throughput %8.0f req/s  p50 %7.0f us  p99 %7.0f us  (rounds: %s)%n", concurrency, name,
				median(list, LoadRunner.Round::throughput), median(list, LoadRunner.Round::p50),
				median(list, LoadRunner.Round::p99),
				list.stream().map((r) -> String.format("%.0f", r.throughput())).toList()));
	}

	private static double median(List<LoadRunner.Round> rounds,
			java.util.function.ToDoubleFunction<LoadRunner.Round> f) {
		return Stats.median(rounds.stream().map(f::applyAsDouble).toList());
	}

	/**
	 * Median over rounds of the ratio of two contenders measured in the same round.
	 */
	private static double medianRatio(List<LoadRunner.Round> measured, List<LoadRunner.Round> baseline,
			java.util.function.ToDoubleFunction<LoadRunner.Round> f) {
		return Stats.median(ratios(measured, baseline, f));
	}

	// The ratio of two contenders in each round, in round order.
	private static List<Double> ratios(List<LoadRunner.Round> measured, List<LoadRunner.Round> baseline,
			java.util.function.ToDoubleFunction<LoadRunner.Round> f) {
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < measured.size(); i++) {
			ratios.add(f.applyAsDouble(measured.get(i)) / f.applyAsDouble(baseline.get(i)));
		}
		return ratios;
	}

	// Linear interpolation between closest ranks.
	static double quantile(List<Double> values, double q) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		if (sorted.length == 0) {
			return Double.NaN;
		}
		double position = q * (sorted.length - 1);
		int below = (int) Math.floor(position);
		int above = Math.min(sorted.length - 1, below + 1);
		return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
	}

	private static <T> List<T> rotate(List<T> items, int round) {
		List<T> rotated = new ArrayList<>(items);
		java.util.Collections.rotate(rotated, -(round % items.size()));
		return rotated;
	}

	// The contexts and clients of the run first, then the servers they talk to.
	private void closeAll(EchoServer echo, CheckoutMtlsSimulator simulator) throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
		echo.close();
		simulator.close();
	}

	private ConfigurableApplicationContext context(ConfigurableApplicationContext context) {
		this.resources.add(context::close);
		return context;
	}

	private <T extends AutoCloseable> T closing(T resource) {
		this.resources.add(resource);
		return resource;
	}

	private static void timed(Runnable section) {
		long start = System.nanoTime();
		section.run();
		System.out.printf("  (%.1f s)%n", (System.nanoTime() - start) / 1e9);
	}

	private static void section(String title) {
		System.out.println();
		System.out.println("== " + title);
	}

}
