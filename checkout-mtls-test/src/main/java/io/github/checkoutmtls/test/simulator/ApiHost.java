package io.github.checkoutmtls.test.simulator;

/**
 * The API host's state and processing, assembled from the builder: payments, faults,
 * stubs and idempotency around the modelled routes.
 */
final class ApiHost {

	private final PaymentStore payments;

	private final SimulatorFaults faults = new SimulatorFaults();

	private final SimulatorStubs stubs = new SimulatorStubs();

	private final RequestProcessor processor;

	ApiHost(CheckoutMtlsSimulatorBuilder builder, SimulatorRecords records) {
		IdempotencyStore idempotency = new IdempotencyStore(builder.idempotencySettings(), builder.clock);
		// Stored answers name payments: they go with them.
		this.payments = new PaymentStore(builder.clock, builder.actionProcessingTime, idempotency::clear);
		RouteTable routes = new RouteTable();
		new PaymentsHandler(this.payments, builder.requireProcessingChannelId).register(routes);
		new PaymentActionsHandler(this.payments, builder.actionRefusalBodies).register(routes);
		new WorkflowsHandler().register(routes);
		this.processor = new ApiRequestProcessor(this.faults, idempotency, this.stubs, routes, records);
	}

	PaymentStore payments() {
		return this.payments;
	}

	SimulatorFaults faults() {
		return this.faults;
	}

	SimulatorStubs stubs() {
		return this.stubs;
	}

	RequestProcessor processor() {
		return this.processor;
	}

}
