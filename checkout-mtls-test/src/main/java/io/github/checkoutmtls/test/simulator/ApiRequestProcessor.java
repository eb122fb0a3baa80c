package io.github.checkoutmtls.test.simulator;

import java.util.List;

import io.github.checkoutmtls.test.simulator.IdempotencyStore.Claim;
import reactor.core.publisher.Mono;

/**
 * The API host's processing: injected faults and idempotency around the routes.
 *
 * <p>Taking the request's fault and claiming its idempotency key happen together under one lock, so that of
 * two identical requests arriving at once exactly one is processed (and delayed, under a latency fault) and
 * the other sees it in flight. A fault that refuses the request answers before the key is looked at, so a
 * retry after it is processed normally.
 */
final class ApiRequestProcessor implements RequestProcessor {

	/**
	 * Header the simulator adds to a replayed response. Checkout does not document one; this is the
	 * simulator's own marker, named after the convention of other payment APIs.
	 */
	static final String REPLAYED_HEADER = "Idempotent-Replayed";

	private final Object admission = new Object();

	private final SimulatorFaults faults;

	private final IdempotencyStore idempotency;

	private final RouteTable routes;

	ApiRequestProcessor(SimulatorFaults faults, IdempotencyStore idempotency, RouteTable routes) {
		this.faults = faults;
		this.idempotency = idempotency;
		this.routes = routes;
	}

	@Override
	public Mono<Outcome> process(SimulatorRequest request) {
		ApiFault fault;
		Claim claim;
		synchronized (this.admission) {
			fault = this.faults.take(request.method(), request.path());
			if (fault != null && fault.refuses()) {
				return Mono.just(new Outcome(fault.refusal(), fault.description(), false, false));
			}
			claim = this.idempotency.claim(request);
		}
		Mono<SimulatorResponse> response = respond(request, claim);
		if (fault != null && fault.kind() == ApiFault.Kind.LATENCY) {
			response = Mono.delay(fault.latency()).then(response);
		}
		if (claim.kind() == Claim.Kind.CLAIMED) {
			response = response.doOnNext((answer) -> this.idempotency.complete(claim, answer))
				.doOnError((ex) -> this.idempotency.release(claim))
				.doOnCancel(() -> this.idempotency.release(claim));
		}
		String description = (fault != null) ? fault.description() : null;
		boolean reset = fault != null && fault.kind() == ApiFault.Kind.RESET_AFTER_PROCESSING;
		return response.map((answer) -> new Outcome(answer, description, claim.kind() == Claim.Kind.REPLAY, reset));
	}

	private Mono<SimulatorResponse> respond(SimulatorRequest request, Claim claim) {
		return switch (claim.kind()) {
			case NONE, CLAIMED -> Mono.defer(() -> this.routes.handle(request));
			case REPLAY -> Mono.just(claim.entry().response().withHeader(REPLAYED_HEADER, "true"));
			case IN_FLIGHT -> Mono.just(SimulatorResponse.checkoutError(409, request, "request_invalid",
					List.of("idempotency_key_in_progress")));
			case REUSED -> Mono.just(RequestBodies.invalid(request, List.of("idempotency_key_reused")));
		};
	}

}
