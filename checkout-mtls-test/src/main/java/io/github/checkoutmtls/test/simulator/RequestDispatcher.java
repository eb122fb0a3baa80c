package io.github.checkoutmtls.test.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Handles every request on one host: reads the body, applies the {@link RequestGuard guards}, routes,
 * records the exchange and writes the response with its {@code Cko-Request-Id}.
 */
final class RequestDispatcher implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

	static final String REQUEST_ID_HEADER = "Cko-Request-Id";

	private static final Logger logger = LoggerFactory.getLogger(RequestDispatcher.class);

	private final SimulatorHost host;

	private final List<RequestGuard> guards;

	private final RouteTable routes;

	private final SimulatorRecords records;

	RequestDispatcher(SimulatorHost host, List<RequestGuard> guards, RouteTable routes, SimulatorRecords records) {
		this.host = host;
		this.guards = List.copyOf(guards);
		this.routes = routes;
		this.records = records;
	}

	@Override
	public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
		Instant receivedAt = Instant.now();
		String requestId = Ids.requestId();
		ClientCertificate certificate = ClientCertificate.of(request);
		return request.receive()
			.aggregate()
			.asString(StandardCharsets.UTF_8)
			.defaultIfEmpty("")
			.map((body) -> SimulatorRequest.of(this.host, request, body, certificate, requestId, receivedAt))
			.flatMap((simulatorRequest) -> respond(simulatorRequest)
				.flatMap((simulatorResponse) -> send(simulatorRequest, simulatorResponse, response)));
	}

	private Mono<SimulatorResponse> respond(SimulatorRequest request) {
		return Mono.defer(() -> {
			for (RequestGuard guard : this.guards) {
				Optional<SimulatorResponse> refusal = guard.check(request);
				if (refusal.isPresent()) {
					return Mono.just(refusal.get());
				}
			}
			return this.routes.match(request)
				.map((match) -> match.handler().handle(match.request()))
				.orElseGet(() -> Mono.just(SimulatorResponse.empty(404)));
		}).onErrorResume((ex) -> {
			logger.warn("Simulator handler failed for {} {}", request.method(), request.path(), ex);
			return Mono
				.just(SimulatorResponse.checkoutError(500, request, "internal_error", List.of("internal_error")));
		});
	}

	private Mono<Void> send(SimulatorRequest request, SimulatorResponse simulatorResponse,
			HttpServerResponse response) {
		this.records.add(new RecordedExchange(this.host, request.method(), request.uri(), request.headerMap(),
				request.body(), request.certificate().commonName(), request.certificate().thumbprint(),
				request.bearerToken(), simulatorResponse.status(), request.requestId(), request.receivedAt()));
		response.status(simulatorResponse.status()).header(REQUEST_ID_HEADER, request.requestId());
		simulatorResponse.headers().forEach(response::header);
		byte[] body = simulatorResponse.body();
		response.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
		if (body.length == 0) {
			return response.send().then();
		}
		return response.header(HttpHeaderNames.CONTENT_TYPE, simulatorResponse.contentType())
			.sendByteArray(Mono.just(body))
			.then();
	}

}
