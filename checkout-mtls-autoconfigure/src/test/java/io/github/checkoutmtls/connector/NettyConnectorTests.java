package io.github.checkoutmtls.connector;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Subscription;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseCookie;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.pki.TestPki;
import io.netty.channel.Channel;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link NettyConnector}, the connector beneath the starter's pipeline: every
 * case runs through Spring's {@link ReactorClientHttpConnector} too, over the same kind
 * of client and a loopback server that records what arrived, so a case states Spring's
 * behaviour and checks that the starter's connector has it.
 */
@TestInstance(Lifecycle.PER_CLASS)
class NettyConnectorTests {

	private static final String PAYMENT = "{\"id\":\"pay_1\",\"status\":\"Authorized\"}";

	private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

	private DisposableServer server;

	private ConnectionProvider pool;

	@BeforeAll
	void startServer() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive()
				.aggregate()
				.asString(StandardCharsets.UTF_8)
				.defaultIfEmpty("")
				.flatMap((body) -> {
					HttpHeaders headers = new HttpHeaders();
					request.requestHeaders().forEach((header) -> headers.add(header.getKey(), header.getValue()));
					this.received.add(new Received(request.method().name(), request.uri(), headers, body,
							((InetSocketAddress) request.remoteAddress()).getPort()));
					return response.status(request.uri().startsWith("/empty") ? 204 : 200)
						.header("Content-Type", "application/json")
						.header("Set-Cookie", "session=s1; Path=/payments; Secure; HttpOnly; SameSite=Strict")
						.sendString(Mono.just(request.uri().startsWith("/empty") ? "" : PAYMENT))
						.then();
				}))
			.bindNow();
	}

	@AfterAll
	void stopServer() {
		this.server.disposeNow();
	}

	@AfterEach
	void disposePool() {
		if (this.pool != null) {
			this.pool.disposeLater().block(Duration.ofSeconds(5));
		}
		this.received.clear();
	}

	Stream<Arguments> connectors() {
		Function<HttpClient, ClientHttpConnector> spring = ReactorClientHttpConnector::new;
		Function<HttpClient, ClientHttpConnector> starter = NettyConnector::new;
		return Stream.of(Arguments.of(Named.of("Spring's ReactorClientHttpConnector", spring)),
				Arguments.of(Named.of("the starter's NettyConnector", starter)));
	}

	@ParameterizedTest
	@MethodSource("connectors")
	void sendsWhatWebClientWrites(Function<HttpClient, ClientHttpConnector> kind) throws InterruptedException {
		ClientHttpConnector connector = kind.apply(client());
		String body = WebClient.builder()
			.clientConnector(connector)
			.build()
			.post()
			.uri(uri("/payments?reference=ORD-1"))
			.header("X-Trace", "t-1", "t-2")
			.cookie("c", "v")
			.attribute("test.attribute", "value")
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.bodyValue("{\"amount\":100}")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
		assertThat(body).isEqualTo(PAYMENT);
		Received request = next();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.uri()).isEqualTo("/payments?reference=ORD-1");
		assertThat(request.headers().get("X-Trace")).containsExactly("t-1", "t-2");
		assertThat(request.headers().getFirst("Cookie")).isEqualTo("c=v");
		assertThat(request.headers().getFirst("Content-Length")).isEqualTo("14");
		assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
		assertThat(request.headers().getFirst("Host")).isEqualTo("127.0.0.1:" + this.server.port());
		assertThat(request.body()).isEqualTo("{\"amount\":100}");
	}

	@ParameterizedTest
	@MethodSource("connectors")
	void sendsABodyOfManyBuffersChunked(Function<HttpClient, ClientHttpConnector> kind) throws InterruptedException {
		exchange(kind, HttpMethod.POST, "/payments",
				(request) -> request.writeWith(Flux.just("{\"amount\":", "100}").map((part) -> wrap(request, part))));
		Received request = next();
		assertThat(request.headers().getFirst("Transfer-Encoding")).isEqualTo("chunked");
		assertThat(request.body()).isEqualTo("{\"amount\":100}");
	}

	@ParameterizedTest
	@MethodSource("connectors")
	void sendsEveryGroupOfAFlushedBody(Function<HttpClient, ClientHttpConnector> kind) throws InterruptedException {
		exchange(kind, HttpMethod.POST, "/payments", (request) -> request
			.writeAndFlushWith(Flux.just(Flux.just(wrap(request, "{\"amount\":")), Flux.just(wrap(request, "100}")))));
		assertThat(next().body()).isEqualTo("{\"amount\":100}");
	}

	@ParameterizedTest
	@MethodSource("connectors")
	void sendsARequestWithoutBodyOnSetComplete(Function<HttpClient, ClientHttpConnector> kind)
			throws InterruptedException {
		exchange(kind, HttpMethod.GET, "/payments/pay_1", (request) -> {
			request.getHeaders().set("X-Trace", "t-1");
			return request.setComplete();
		});
		Received request = next();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.headers().getFirst("X-Trace")).isEqualTo("t-1");
		assertThat(request.headers().containsHeader("Transfer-Encoding")).isFalse();
		assertThat(request.body()).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("connectors")
	void runsActionsRegisteredBeforeTheCommitInOrderBeforeTheHeadersAreSent(
			Function<HttpClient, ClientHttpConnector> kind) throws InterruptedException {
		List<String> order = new ArrayList<>();
		exchange(kind, HttpMethod.POST, "/payments", (request) -> {
			request.beforeCommit(() -> Mono.fromRunnable(() -> {
				order.add("first");
				request.getHeaders().add("X-Order", "first");
			}));
			request.beforeCommit(() -> Mono.fromRunnable(() -> {
				order.add("second, committed: " + request.isCommitted());
				request.getHeaders().add("X-Order", "second");
			}));
			assertThat(request.isCommitted()).isFalse();
			Mono<Void> written = request.writeWith(Mono.just(wrap(request, "{}")));
			assertThat(request.isCommitted()).isTrue();
			assertThat(order).isEmpty();
			return written;
		});
		assertThat(order).containsExactly("first", "second, committed: true");
		assertThat(next().headers().get("X-Order")).containsExactly("first", "second");
	}

	@ParameterizedTest
	@MethodSource("connectors")
	void committedRequestReadsBackWhatWasSentAndRefusesChanges(Function<HttpClient, ClientHttpConnector> kind) {
		AtomicReference<ClientHttpRequest> committed = new AtomicReference<>();
		exchange(kind, HttpMethod.GET, "/payments/pay_1", (request) -> {
			request.getHeaders().set("X-Trace", "t-1");
			request.getCookies().add("c", new HttpCookie("c", "v"));
			request.getAttributes().put("a", "b");
			committed.set(request);
			return request.setComplete();
		});
		ClientHttpRequest request = committed.get();
		assertThat(request.isCommitted()).isTrue();
		// Reactor Netty's own headers are among those read back.
		assertThat(request.getHeaders().getFirst("X-Trace")).isEqualTo("t-1");
		assertThat(request.getHeaders().getFirst("Host")).isEqualTo("127.0.0.1:" + this.server.port());
		assertThatThrownBy(() -> request.getHeaders().set("X-Late", "1"))
			.isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> request.getCookies().add("late", new HttpCookie("late", "1")))
			.isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> request.getAttributes().put("late", "1"))
			.isInstanceOf(UnsupportedOperationException.class);
		assertThat(request.getCookies().getFirst("c").getValue()).isEqualTo("v");
		assertThat(request.getAttributes()).containsEntry("a", "b");
		assertThat((Object) request.getNativeRequest()).isInstanceOf(ChannelOperations.class);
		assertThat(request.getMethod()).isEqualTo(HttpMethod.GET);
		assertThat(request.getURI()).isEqualTo(uri("/payments/pay_1"));
	}

	@ParameterizedTest
	@MethodSource("connectors")
	void committedRequestWithoutCookiesOrAttributesReadsBackNone(Function<HttpClient, ClientHttpConnector> kind) {
		AtomicReference<ClientHttpRequest> committed = new AtomicReference<>();
		exchange(kind, HttpMethod.GET, "/payments/pay_1", (request) -> {
			committed.set(request);
			return request.setComplete();
		});
		assertThat(committed.get().getCookies()).isEmpty();
		assertThat(committed.get().getAttributes()).isEmpty();
		assertThatThrownBy(() -> committed.get().getCookies().add("late", new HttpCookie("late", "1")))
			.isInstanceOf(UnsupportedOperationException.class);
	}

	@ParameterizedTest
	@MethodSource("connectors")
	void onlyTheFirstCommitWrites(Function<HttpClient, ClientHttpConnector> kind) throws InterruptedException {
		exchange(kind, HttpMethod.POST, "/payments", (request) -> {
			Mono<Void> first = request.writeWith(Mono.just(wrap(request, "{\"first\":true}")));
			Mono<Void> second = request.writeWith(Mono.just(wrap(request, "{\"second\":true}")));
			return first.then(second).then(request.setComplete());
		});
		assertThat(next().body()).isEqualTo("{\"first\":true}");
		assertThat(this.received.poll(200, TimeUnit.MILLISECONDS)).isNull();
	}

	@ParameterizedTest
	@MethodSource("connectors")
	void headerNettyRefusesFailsTheRequestBeforeAnythingIsSent(Function<HttpClient, ClientHttpConnector> kind)
			throws InterruptedException {
		Throwable failure = failureBeforeAnythingIsSent(kind, (request) -> {
			request.getHeaders().set("Bad Name", "1");
			return request.writeWith(Mono.just(wrap(request, "{}")));
		});
		assertThat(failure).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Bad Name");
	}

	@ParameterizedTest
	@MethodSource("connectors")
	void failingActionBeforeTheCommitFailsTheRequestBeforeAnythingIsSent(Function<HttpClient, ClientHttpConnector> kind)
			throws InterruptedException {
		Throwable failure = failureBeforeAnythingIsSent(kind, (request) -> {
			request.beforeCommit(() -> Mono.error(new IllegalStateException("refused by an action")));
			return request.writeWith(Mono.just(wrap(request, "{}")));
		});
		assertThat(failure).hasMessageContaining("refused by an action");
	}

	// The exchange's failure, once the server was seen to receive nothing.
	private Throwable failureBeforeAnythingIsSent(Function<HttpClient, ClientHttpConnector> kind,
			Function<ClientHttpRequest, Mono<Void>> write) throws InterruptedException {
		Mono<ClientHttpResponse> response = kind.apply(client()).connect(HttpMethod.POST, uri("/payments"), write);
		Throwable failure = catchThrowable(() -> response.block(Duration.ofSeconds(10)));
		assertThat(this.received.poll(200, TimeUnit.MILLISECONDS)).isNull();
		return failure;
	}

	@ParameterizedTest
	@MethodSource("connectors")
	void putsTheAttributesOnTheChannelForTheExchangeAndClearsThemAfter(Function<HttpClient, ClientHttpConnector> kind) {
		AtomicReference<Map<String, Object>> during = new AtomicReference<>();
		AtomicReference<Channel> channel = new AtomicReference<>();
		HttpClient client = client().doAfterRequest((request, connection) -> {
			channel.set(connection.channel());
			during.set(connection.channel().attr(ReactorClientHttpConnector.ATTRIBUTES_KEY).get());
		});
		ClientHttpResponse response = kind.apply(client).connect(HttpMethod.GET, uri("/payments/pay_1"), (request) -> {
			request.getAttributes().put("test.attribute", "value");
			return request.setComplete();
		}).block(Duration.ofSeconds(10));
		assertThat(during.get()).containsEntry("test.attribute", "value");
		assertThat(bodyOf(response)).isEqualTo(PAYMENT);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> channel.get().attr(ReactorClientHttpConnector.ATTRIBUTES_KEY).get() == null);
	}

	@ParameterizedTest
	@MethodSource("connectors")
	void readsTheResponse(Function<HttpClient, ClientHttpConnector> kind) {
		ClientHttpResponse response = kind.apply(client())
			.connect(HttpMethod.GET, uri("/payments/pay_1"), ClientHttpRequest::setComplete)
			.block(Duration.ofSeconds(10));
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getHeaders().getFirst("Content-Type")).isEqualTo("application/json");
		assertThatThrownBy(() -> response.getHeaders().set("X-Late", "1"))
			.isInstanceOf(UnsupportedOperationException.class);
		ResponseCookie cookie = response.getCookies().getFirst("session");
		assertThat(cookie.getValue()).isEqualTo("s1");
		assertThat(cookie.getPath()).isEqualTo("/payments");
		assertThat(cookie.isSecure()).isTrue();
		assertThat(cookie.isHttpOnly()).isTrue();
		assertThat(cookie.getSameSite()).isEqualTo("Strict");
		assertThat(response.getId()).isNotBlank();
		assertThat(bodyOf(response)).isEqualTo(PAYMENT);
	}

	@ParameterizedTest
	@MethodSource("connectors")
	void responseCancelledBeforeItsBodyWasReadLetsGoOfItsConnection(Function<HttpClient, ClientHttpConnector> kind)
			throws InterruptedException {
		// One connection: a body left unread would keep it, and the next request would
		// wait for it until the pool's acquire timeout.
		ClientHttpConnector connector = kind.apply(client());
		BlockingQueue<ClientHttpResponse> cancelled = new LinkedBlockingQueue<>();
		connector.connect(HttpMethod.GET, uri("/payments/pay_1"), ClientHttpRequest::setComplete)
			.subscribe(new BaseSubscriber<>() {

				@Override
				protected void hookOnSubscribe(Subscription subscription) {
					request(1);
				}

				@Override
				protected void hookOnNext(ClientHttpResponse response) {
					cancel();
					cancelled.add(response);
				}

			});
		ClientHttpResponse first = cancelled.poll(10, TimeUnit.SECONDS);
		assertThat(first).isNotNull();
		int firstPort = next().port();
		ClientHttpResponse second = connector
			.connect(HttpMethod.GET, uri("/payments/pay_2"), ClientHttpRequest::setComplete)
			.block(Duration.ofSeconds(10));
		assertThat(bodyOf(second)).isEqualTo(PAYMENT);
		assertThat(next().port()).isEqualTo(firstPort);
		assertThatIllegalStateException().isThrownBy(() -> first.getBody().blockLast(Duration.ofSeconds(5)))
			.withMessageContaining("released already due to cancellation");
	}

	@ParameterizedTest
	@MethodSource("connectors")
	void responseWithoutBodyIsNotDrainedOnCancel(Function<HttpClient, ClientHttpConnector> kind) {
		ClientHttpConnector connector = kind.apply(client());
		AtomicReference<ClientHttpResponse> cancelled = new AtomicReference<>();
		connector.connect(HttpMethod.DELETE, uri("/empty"), ClientHttpRequest::setComplete)
			.subscribe(new BaseSubscriber<>() {

				@Override
				protected void hookOnNext(ClientHttpResponse response) {
					cancel();
					cancelled.set(response);
				}

			});
		await().atMost(Duration.ofSeconds(10)).until(() -> cancelled.get() != null);
		// Nothing was released: the (empty) body can still be read.
		assertThat(cancelled.get().getStatusCode().value()).isEqualTo(204);
		assertThat(cancelled.get().getBody().collectList().block(Duration.ofSeconds(5))).isEmpty();
	}

	@Test
	void everyPoolOfTheStarterSendsThroughIt() {
		TestPki pki = TestPki.builder().commonName("merchant.internal").build();
		ClientIdentity identity = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");
		Duration timeout = Duration.ofSeconds(5);
		PooledConnector pooled = new ReactorNettyConnectorFactory(
				new ConnectorSettings(timeout, timeout, 1, timeout, timeout, List.of()))
			.create(identity);
		try {
			assertThat(pooled.connector()).isInstanceOf(NettyConnector.class);
		}
		finally {
			pooled.pool().dispose();
		}
	}

	private void exchange(Function<HttpClient, ClientHttpConnector> kind, HttpMethod method, String path,
			Function<ClientHttpRequest, Mono<Void>> write) {
		ClientHttpResponse response = kind.apply(client())
			.connect(method, uri(path), write)
			.block(Duration.ofSeconds(10));
		assertThat(bodyOf(response)).isEqualTo(PAYMENT);
	}

	private HttpClient client() {
		this.pool = ConnectionProvider.builder("netty-connector-tests")
			.maxConnections(1)
			.pendingAcquireTimeout(Duration.ofSeconds(3))
			.build();
		return HttpClient.create(this.pool).responseTimeout(Duration.ofSeconds(10));
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.server.port() + path);
	}

	private Received next() throws InterruptedException {
		Received request = this.received.poll(10, TimeUnit.SECONDS);
		assertThat(request).as("a request reached the server").isNotNull();
		return request;
	}

	private static DataBuffer wrap(ClientHttpRequest request, String text) {
		return request.bufferFactory().wrap(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String bodyOf(ClientHttpResponse response) {
		return DataBufferUtils.join(response.getBody()).map((buffer) -> {
			String text = buffer.toString(StandardCharsets.UTF_8);
			DataBufferUtils.release(buffer);
			return text;
		}).defaultIfEmpty("").block(Duration.ofSeconds(10));
	}

	/**
	 * A request as the server received it.
	 */
	private record Received(String method, String uri, HttpHeaders headers, String body, int port) {

	}

}
