package io.github.checkoutmtls.test.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import io.github.checkoutmtls.test.simulator.RecordedExchange.Handling;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.ssl.SslHandler;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Handles every request on one host: reads the body, records the exchange on arrival,
 * applies the {@link RequestGuard guards}, hands the request to the host's
 * {@link RequestProcessor} and writes the response with {@code Cko-Request-Id} and
 * {@code Cko-Version}, or resets the connection when a fault says so.
 */
final class RequestDispatcher implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

	static final String REQUEST_ID_HEADER = "Cko-Request-Id";

	static final String VERSION_HEADER = "Cko-Version";

	private static final Logger logger = LoggerFactory.getLogger(RequestDispatcher.class);

	private final SimulatorHost host;

	private final List<RequestGuard> guards;

	private final RequestProcessor processor;

	private final SimulatorRecords records;

	private final String version;

	RequestDispatcher(SimulatorHost host, List<RequestGuard> guards, RequestProcessor processor,
			SimulatorRecords records, String version) {
		this.host = host;
		this.guards = List.copyOf(guards);
		this.processor = processor;
		this.records = records;
		this.version = version;
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
			.flatMap((simulatorRequest) -> {
				ExchangeEntry exchange = this.records.arrived(simulatorRequest);
				return respond(simulatorRequest, exchange)
					.flatMap((outcome) -> send(simulatorRequest, exchange, outcome, response));
			});
	}

	private Mono<Outcome> respond(SimulatorRequest request, ExchangeEntry exchange) {
		return Mono.defer(() -> {
			for (RequestGuard guard : this.guards) {
				Optional<SimulatorResponse> refusal = guard.check(request);
				if (refusal.isPresent()) {
					exchange.handling(Handling.REFUSED);
					return Mono.just(Outcome.of(refusal.get()));
				}
			}
			return this.processor.process(request, exchange);
		}).onErrorResume((ex) -> {
			logger.warn("Simulator handler failed for {} {}", request.method(), request.path(), ex);
			return Mono.just(Outcome
				.of(SimulatorResponse.checkoutError(500, request, "internal_error", List.of("internal_error"))));
		});
	}

	private Mono<Void> send(SimulatorRequest request, ExchangeEntry exchange, Outcome outcome,
			HttpServerResponse response) {
		SimulatorResponse simulatorResponse = outcome.response();
		if (simulatorResponse != null) {
			exchange.status(simulatorResponse.status());
		}
		if (outcome.reset()) {
			response.withConnection((connection) -> reset(connection.channel()));
			return Mono.empty();
		}
		exchange.responseSent();
		response.status(simulatorResponse.status())
			.header(REQUEST_ID_HEADER, request.requestId())
			.header(VERSION_HEADER, this.version);
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

	/**
	 * Closes with SO_LINGER 0 so the kernel sends RST. The close starts below the
	 * {@code SslHandler}, which would otherwise send a {@code close_notify} first and the
	 * client would see an orderly close.
	 */
	private static void reset(Channel channel) {
		channel.config().setOption(ChannelOption.SO_LINGER, 0);
		ChannelHandlerContext ssl = channel.pipeline().context(SslHandler.class);
		if (ssl != null) {
			ssl.close();
		}
		else {
			channel.close();
		}
	}

}
