package io.github.checkoutmtls.benchmarks;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.connector.InMemoryConnectors;
import io.github.checkoutmtls.identity.CertificateChecks;
import io.github.checkoutmtls.identity.ClientIdentityLoader;
import io.github.checkoutmtls.restclient.InMemoryRequestFactories;
import io.github.checkoutmtls.token.TokenFetcher;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;
import reactor.core.publisher.Mono;

/**
 * One {@code GET /payments/{id}} with the body read as a {@code String}, in process,
 * against an exchange answered from memory: {@code checkoutWebClient} and
 * {@code checkoutRestClient} of a real Spring Boot context (the pipeline over a
 * {@link CheckoutMtlsConnector} whose pool answers from memory) against a plain
 * {@code WebClient} and {@code RestClient} from the same context's builders, with no
 * filter, over the same in-memory exchange. Run it with {@code -prof gc} for the
 * allocated bytes per request. Every request runs on the benchmark thread: the in-memory
 * exchange answers synchronously, with no thread handoff.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PipelineBenchmark {

	static final String API = "https://api.bench.invalid";

	// As long as a real access token: the header's size is part of the request's cost.
	static final String TOKEN = "eyJ" + "x".repeat(760);

	@Param({ "certificate", "jwt" })
	public String mode;

	// The quick mode runs every trial in one JVM: the trials of a mode then share one
	// context, started and warmed up once (see Jmh).
	static volatile boolean shareContexts;

	private static final Map<String, Clients> shared = new ConcurrentHashMap<>();

	private Clients clients;

	@Setup(Level.Trial)
	public void start() {
		this.clients = shareContexts ? shared.computeIfAbsent(this.mode, Clients::startWarmedUp)
				: Clients.start(this.mode);
	}

	@TearDown(Level.Trial)
	public void stop() {
		if (!shareContexts) {
			this.clients.close();
		}
	}

	static Map<String, Clients> shared() {
		return shared;
	}

	static void closeShared() {
		shared.values().forEach(Clients::close);
		shared.clear();
	}

	@Benchmark
	public String webClientPlain() {
		return get(this.clients.plainWebClient);
	}

	@Benchmark
	public String webClientCheckout() {
		return get(this.clients.checkoutWebClient);
	}

	@Benchmark
	public String restClientPlain() {
		return get(this.clients.plainRestClient);
	}

	@Benchmark
	public String restClientCheckout() {
		return get(this.clients.checkoutRestClient);
	}

	static String get(WebClient client) {
		return StarterApplication.get(client).block();
	}

	static String get(RestClient client) {
		return client.get().uri("/payments/{id}", BenchSimulator.PAYMENT_ID).retrieve().body(String.class);
	}

	/**
	 * One context of a mode and the four clients measured in it.
	 */
	static final class Clients {

		// Requests of each client before a shared context's first trial: every path is
		// compiled before any is measured, whichever trial comes first.
		private static final int WARM_UP_REQUESTS = 20_000;

		private final ConfigurableApplicationContext context;

		final WebClient plainWebClient;

		final WebClient checkoutWebClient;

		final RestClient plainRestClient;

		final RestClient checkoutRestClient;

		private Clients(String mode) {
			BenchPki pki = new BenchPki();
			Map<String, Object> properties = StarterApplication.starterProperties(pki, API, API, "jwt".equals(mode));
			this.context = new SpringApplicationBuilder(InMemoryApplication.class).web(WebApplicationType.NONE)
				.properties(properties)
				.run();
			// In jwt mode the plain clients send the same token as a default header: what
			// a hand-written client holding a token sends, so the ratio is the pipeline's
			// cost (the cached-token read and the header it sets), not the header's
			// bytes.
			String authorization = "jwt".equals(mode) ? "Bearer " + TOKEN : null;
			WebClient.Builder webClient = this.context.getBean(WebClient.Builder.class)
				.baseUrl(API)
				.clientConnector(new InMemoryConnector());
			if (authorization != null) {
				webClient.defaultHeader("Authorization", authorization);
			}
			this.plainWebClient = webClient.build();
			this.checkoutWebClient = this.context.getBean("checkoutWebClient", WebClient.class);
			// No RestClient auto-configuration on this class path: the starter then
			// starts from RestClient.builder() too.
			RestClient.Builder restClient = this.context.getBeanProvider(RestClient.Builder.class)
				.getIfAvailable(RestClient::builder)
				.baseUrl(API)
				.requestFactory(InMemoryRequestFactories.over(new InMemoryConnector()));
			if (authorization != null) {
				restClient.defaultHeader("Authorization", authorization);
			}
			this.plainRestClient = restClient.build();
			this.checkoutRestClient = this.context.getBean("checkoutRestClient", RestClient.class);
		}

		static Clients start(String mode) {
			Clients clients = new Clients(mode);
			// The first jwt request fetches (here: is handed) the token; every measured
			// one finds it cached.
			get(clients.checkoutWebClient);
			return clients;
		}

		static Clients startWarmedUp(String mode) {
			Clients clients = start(mode);
			for (int i = 0; i < WARM_UP_REQUESTS; i++) {
				get(clients.plainWebClient);
				get(clients.checkoutWebClient);
				get(clients.plainRestClient);
				get(clients.checkoutRestClient);
			}
			return clients;
		}

		void close() {
			this.context.close();
		}

	}

	/**
	 * The starter's auto-configuration as a user gets it, with two beans of its own
	 * replaced: the connector, whose pool answers from memory, and the token fetcher,
	 * which hands out a token bound to the identity.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class InMemoryApplication {

		@Bean
		CheckoutMtlsConnector checkoutMtlsConnector(ClientIdentityLoader checkoutMtlsIdentityLoader,
				CertificateChecks checkoutMtlsCertificateChecks) {
			return InMemoryConnectors.over(checkoutMtlsCertificateChecks.enforce(checkoutMtlsIdentityLoader.load()),
					new InMemoryConnector());
		}

		@Bean
		TokenFetcher checkoutMtlsTokenFetcher() {
			return (identity) -> Mono.just(new AccessToken(TOKEN, identity.thumbprint(),
					Instant.now().plusSeconds(3600), Instant.now().plusSeconds(3000)));
		}

	}

}
