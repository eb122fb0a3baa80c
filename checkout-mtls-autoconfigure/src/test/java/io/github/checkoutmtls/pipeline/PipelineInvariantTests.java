package io.github.checkoutmtls.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import io.github.checkoutmtls.TestContexts;
import io.github.checkoutmtls.autoconfigure.CheckoutWebClientCustomizer;
import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorExtension;
import io.github.checkoutmtls.test.junit.SimulatorFixture;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.PathFaults;
import io.github.checkoutmtls.test.simulator.RecordedExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The money-path invariants of {@link CheckoutRequestPipeline}, checked on generated
 * cases: fault schedules × request kinds × bodies × modes × with and without a
 * body-rewriting customizer filter, run concurrently on real threads against the
 * simulator. On every case: at most one creation per intent; every attempt carries the
 * same bytes and key; the caller gets a success, the final answer Checkout gave, or
 * {@link CheckoutOutcomeUnknownException}, never a transport error or a certificate
 * diagnosis for a request Checkout processed. After every batch, no connection is left in
 * use. The seed is printed, and a failure names it: rerun with
 * {@code -Dcheckout.mtls.invariants.seed=N}.
 */
class PipelineInvariantTests {

	private static final int CASES_PER_CONFIGURATION = 130;

	private static final int THREADS = 8;

	private static final int REPLAY_LIMIT = 2048;

	private static final String CLIENT_ID = "ack_invariants";

	private static final long SEED = Long.getLong("checkout.mtls.invariants.seed", System.nanoTime());

	@RegisterExtension
	static final CheckoutMtlsSimulatorExtension checkout = SimulatorFixture.builder()
		.simulator((simulator) -> simulator.client(CLIENT_ID, null))
		.perClass();

	private static CheckoutMtlsSimulator simulator;

	@BeforeAll
	static void printSeed() {
		System.out.println(
				"PipelineInvariantTests seed: " + SEED + " (rerun with -Dcheckout.mtls.invariants.seed=" + SEED + ")");
	}

	// The fixture forgets stubs before each test
	@BeforeEach
	void stubInstruments() {
		simulator = checkout.simulator();
		simulator.stubs().on("POST", "/instruments/{id}").respond(201, "{\"id\":\"src_stubbed\",\"type\":\"card\"}");
	}

	@ParameterizedTest(name = "{0} mode, rewriting filter: {1}")
	@CsvSource({ "certificate, false", "certificate, true", "jwt, false", "jwt, true" })
	void everyGeneratedCaseKeepsTheInvariants(String mode, boolean rewriting) {
		Random random = new Random(SEED ^ (mode.hashCode() * 31L + (rewriting ? 1 : 0)));
		String prefix = mode.charAt(0) + (rewriting ? "r" : "p");
		List<Case> cases = new ArrayList<>();
		for (int i = 0; i < CASES_PER_CONFIGURATION; i++) {
			cases.add(Case.generate(prefix + i, random));
		}
		cases.forEach(Case::prepare);
		contextRunner(mode, rewriting).run((context) -> {
			WebClient client = context.getBean("checkoutWebClient", WebClient.class);
			List<Outcome> outcomes = runConcurrently(client, cases);
			for (Outcome outcome : outcomes) {
				outcome.check();
			}
			CheckoutMtlsConnector connector = context.getBean(CheckoutMtlsConnector.class);
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(connector.poolUsage().activeConnections())
					.as("connections in use after the batch (seed %d)", SEED)
					.isZero());
		});
	}

	private ApplicationContextRunner contextRunner(String mode, boolean rewriting) {
		ApplicationContextRunner runner = TestContexts.contextRunner()
			.withPropertyValues(checkout.fixture().propertyValues())
			.withPropertyValues("checkout.mtls.retry.initial-backoff=5ms", "checkout.mtls.retry.max-backoff=20ms",
					"checkout.mtls.retry.in-progress-backoff=150ms", "checkout.mtls.retry.deadline=5s",
					"checkout.mtls.retry.max-replay-body-size=" + REPLAY_LIMIT + "B",
					"checkout.mtls.http.response-timeout=2s", "checkout.mtls.http.max-connections=16");
		if ("jwt".equals(mode)) {
			runner = runner.withPropertyValues("checkout.mtls.auth-mode=jwt",
					"checkout.mtls.jwt.client-id=" + CLIENT_ID,
					"checkout.mtls.jwt.client-authentication=tls-client-auth");
		}
		if (rewriting) {
			CheckoutWebClientCustomizer customizer = (builder) -> builder.filter((request,
					next) -> next.exchange(request.method().name().equals("POST")
							? ClientRequest.from(request).body(BodyInserters.fromValue(Case.rewritten(request))).build()
							: request));
			runner = runner.withBean(CheckoutWebClientCustomizer.class, () -> customizer);
		}
		return runner;
	}

	private static List<Outcome> runConcurrently(WebClient client, List<Case> cases) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Outcome>> futures = new ArrayList<>();
			for (Case c : cases) {
				futures.add(executor.submit(() -> {
					start.await();
					return c.send(client);
				}));
			}
			start.countDown();
			List<Outcome> outcomes = new ArrayList<>();
			for (Future<Outcome> future : futures) {
				outcomes.add(future.get(60, TimeUnit.SECONDS));
			}
			return outcomes;
		}
		finally {
			executor.shutdownNow();
		}
	}

	enum Kind {

		GET, IDEMPOTENT_POST, OTHER_POST

	}

	enum Body {

		VALUE, ONE_SHOT, OVERSIZED

	}

	enum Fault {

		NONE, RESET_BEFORE_PROCESSING, RESET_AFTER_PROCESSING, RESET_WHILE_PROCESSING, STATUS_503, STATUS_502,
		RATE_LIMIT, LATENCY;

		void apply(PathFaults faults) {
			switch (this) {
				case RESET_BEFORE_PROCESSING -> faults.resetBeforeProcessing();
				case RESET_AFTER_PROCESSING -> faults.resetAfterProcessing();
				case RESET_WHILE_PROCESSING -> faults.resetWhileProcessing(Duration.ofMillis(300));
				case STATUS_503 -> faults.status(503);
				case STATUS_502 -> faults.status(502);
				case RATE_LIMIT -> faults.rateLimit();
				case LATENCY -> faults.latency(Duration.ofMillis(50));
				case NONE -> {
				}
			}
		}

	}

	/**
	 * One generated intent: a request kind, a body and the faults its first attempts
	 * meet.
	 */
	record Case(String id, Kind kind, Body body, List<Fault> faults) {

		static Case generate(String id, Random random) {
			Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
			Body body = (kind == Kind.GET) ? Body.VALUE : Body.values()[random.nextInt(Body.values().length)];
			List<Fault> faults = new ArrayList<>();
			int count = random.nextInt(3);
			for (int i = 0; i < count; i++) {
				faults.add(Fault.values()[random.nextInt(Fault.values().length)]);
			}
			return new Case(id, kind, body, faults);
		}

		String path() {
			return switch (this.kind) {
				case GET -> "/payments/pay_" + this.id;
				case IDEMPOTENT_POST -> "/payments/pay_" + this.id + "/captures";
				case OTHER_POST -> "/instruments/" + this.id;
			};
		}

		String method() {
			return (this.kind == Kind.GET) ? "GET" : "POST";
		}

		void prepare() {
			simulator.addPayment("pay_" + this.id, "Authorized", 10_000, "EUR");
			for (Fault fault : this.faults) {
				fault.apply(simulator.faults().on(method(), path()).times(1));
			}
		}

		String json() {
			String padding = (this.body == Body.OVERSIZED)
					? ",\"metadata\":{\"note\":\"" + "x".repeat(REPLAY_LIMIT) + "\"}" : "";
			return "{\"amount\":1000,\"reference\":\"" + this.id + "\"" + padding + "}";
		}

		static String rewritten(ClientRequest request) {
			return "{\"amount\":1000,\"reference\":\"rewritten" + request.url().getPath().hashCode() + "\"}";
		}

		Outcome send(WebClient client) {
			Mono<String> answer;
			if (this.kind == Kind.GET) {
				answer = client.get().uri(path()).retrieve().bodyToMono(String.class);
			}
			else {
				WebClient.RequestBodySpec spec = client.post().uri(path()).contentType(MediaType.APPLICATION_JSON);
				answer = ((this.body == Body.ONE_SHOT) ? spec.body(BodyInserters.fromDataBuffers(oneShot(json())))
						: spec.bodyValue(json()))
					.retrieve()
					.bodyToMono(String.class);
			}
			try {
				answer.block(Duration.ofSeconds(30));
				return new Outcome(this, null);
			}
			catch (RuntimeException ex) {
				return new Outcome(this, ex);
			}
		}

		private static Flux<DataBuffer> oneShot(String body) {
			AtomicBoolean used = new AtomicBoolean();
			return Flux.defer(() -> used.getAndSet(true) ? Flux.empty()
					: Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body.getBytes(StandardCharsets.UTF_8))));
		}

	}

	/**
	 * What the caller got for a case, checked against what the simulator saw.
	 */
	record Outcome(Case c, RuntimeException failure) {

		void check() {
			String what = "case " + this.c + " (seed " + SEED + "), outcome " + this.failure;
			List<RecordedExchange> attempts = simulator.exchanges()
				.stream()
				.filter((exchange) -> exchange.path().equals(this.c.path()))
				.toList();
			int processed = simulator.processedRequests(this.c.method(), this.c.path());
			assertThat(attempts).as(what).isNotEmpty();
			if (this.c.kind() != Kind.GET) {
				assertThat(processed).as("creations, " + what).isLessThanOrEqualTo(1);
				assertSameBytesAndKey(attempts, what);
			}
			if (this.failure == null) {
				if (this.c.kind() != Kind.GET) {
					assertThat(processed).as("a success was processed once, " + what).isOne();
				}
				return;
			}
			Throwable failure = this.failure;
			if (failure instanceof WebClientResponseException answer) {
				assertThat(answer.getStatusCode().value()).as("the final answer is Checkout's last, " + what)
					.isEqualTo(attempts.get(attempts.size() - 1).status());
				return;
			}
			assertThat(this.c.kind()).as("only a request that may change state ends unknown, " + what)
				.isNotEqualTo(Kind.GET);
			assertThat(failure).as(what).isInstanceOf(CheckoutOutcomeUnknownException.class);
		}

		private static void assertSameBytesAndKey(List<RecordedExchange> attempts, String what) {
			RecordedExchange first = attempts.get(0);
			assertThat(attempts).as("every attempt sends the same bytes and key, " + what).allSatisfy((attempt) -> {
				assertThat(attempt.body()).isEqualTo(first.body()).isNotEmpty();
				assertThat(attempt.idempotencyKey()).isEqualTo(first.idempotencyKey());
			});
		}

	}

}
