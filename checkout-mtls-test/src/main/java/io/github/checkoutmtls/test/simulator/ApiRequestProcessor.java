package io.github.checkoutmtls.test.simulator;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.checkoutmtls.test.simulator.IdempotencyStore.Claim;
import io.github.checkoutmtls.test.simulator.RecordedExchange.Handling;
import io.github.checkoutmtls.test.simulator.RouteTable.Match;
import reactor.core.publisher.Mono;

/**
 * The API host's processing: injected faults and idempotency around the stubs and
 * modelled routes.
 *
 * <p>
 * Taking the request's fault and claiming its idempotency key happen together under one
 * lock, so that of two same-key requests arriving at once exactly one is processed and
 * the other sees it in flight. A fault that refuses the request answers before the key is
 * looked at, so a retry after it is processed normally.
 */
final class ApiRequestProcessor implements RequestProcessor {

	private final Object admission = new Object();

	private final SimulatorFaults faults;

	private final IdempotencyStore idempotency;

	private final SimulatorStubs stubs;

	private final RouteTable routes;

	private final SimulatorRecords records;

	ApiRequestProcessor(SimulatorFaults faults, IdempotencyStore idempotency, SimulatorStubs stubs, RouteTable routes,
			SimulatorRecords records) {
		this.faults = faults;
		this.idempotency = idempotency;
		this.stubs = stubs;
		this.routes = routes;
		this.records = records;
	}

	@Override
	public Mono<Outcome> process(SimulatorRequest request, ExchangeEntry exchange) {
		ApiFault fault;
		Claim claim;
		synchronized (this.admission) {
			fault = this.faults.take(request.method(), request.path());
			if (fault != null) {
				exchange.fault(fault.description());
				if (fault.refuses()) {
					exchange.handling(Handling.REFUSED);
					return Mono.just(fault.refusal());
				}
			}
			claim = this.idempotency.claim(request);
		}
		boolean processes = claim.kind() == Claim.Kind.NONE || claim.kind() == Claim.Kind.CLAIMED;
		if (processes && fault != null && fault.kind() == ApiFault.Kind.RESET_WHILE_PROCESSING) {
			// Processing goes on without the connection, as at a gateway that lost its
			// client mid-request
			Mono.delay(fault.delay())
				.then(Mono.defer(() -> handle(request, exchange, claim)))
				.onErrorResume((ex) -> Mono.empty())
				.subscribe();
			return Mono.just(Outcome.reset(null));
		}
		// Once processing started, it goes on whatever the client does, as at a gateway
		// whose client gave up waiting: the client's cancel no longer stops it.
		AtomicBoolean started = new AtomicBoolean();
		Mono<SimulatorResponse> response = processes ? Mono.defer(() -> {
			started.set(true);
			Mono<SimulatorResponse> processing = handle(request, exchange, claim).cache();
			processing.subscribe((answer) -> {
			}, (ex) -> {
			});
			return processing;
		}) : Mono.just(answerWithoutProcessing(request, exchange, claim));
		if (fault != null && fault.kind() == ApiFault.Kind.LATENCY) {
			response = Mono.delay(fault.delay()).then(response);
		}
		if (claim.kind() == Claim.Kind.CLAIMED) {
			// A client gone during a latency fault, before processing started: nothing
			// was processed, so the key is free again
			response = response.doOnCancel(() -> {
				if (!started.get()) {
					this.idempotency.release(claim);
				}
			});
		}
		boolean reset = fault != null && fault.resets();
		return response.map((answer) -> reset ? Outcome.reset(answer) : Outcome.of(answer));
	}

	private SimulatorResponse answerWithoutProcessing(SimulatorRequest request, ExchangeEntry exchange, Claim claim) {
		return switch (claim.kind()) {
			case REPLAY -> {
				exchange.handling(Handling.REPLAYED);
				yield claim.entry().response();
			}
			case CONCURRENT -> {
				exchange.handling(Handling.CONCURRENT_DUPLICATE);
				yield SimulatorResponse.empty(this.idempotency.settings().concurrentDuplicateStatus());
			}
			default -> {
				exchange.handling(Handling.REFUSED);
				yield RequestBodies.invalid(request, List.of("idempotency_key_reused"));
			}
		};
	}

	private Mono<SimulatorResponse> handle(SimulatorRequest request, ExchangeEntry exchange, Claim claim) {
		Optional<Match> match = this.stubs.match(request).or(() -> this.routes.match(request));
		if (match.isEmpty()) {
			exchange.handling(Handling.NOT_ROUTED);
			release(claim);
			return Mono.just(UnknownRoute.response(request));
		}
		this.records.processed(request);
		exchange.handling(Handling.PROCESSED);
		return match.get().handler().handle(match.get().request()).doOnNext((answer) -> {
			exchange.status(answer.status());
			if (claim.kind() == Claim.Kind.CLAIMED) {
				this.idempotency.complete(claim, answer);
			}
		}).doOnError((ex) -> release(claim));
	}

	private void release(Claim claim) {
		if (claim.kind() == Claim.Kind.CLAIMED) {
			this.idempotency.release(claim);
		}
	}

}
