package io.github.checkoutmtls.test.simulator;

import io.github.checkoutmtls.test.simulator.RecordedExchange.Handling;

/**
 * The live record of one exchange, created on arrival and completed from event loops as
 * the simulator decides; {@link #snapshot()} gives tests an immutable
 * {@link RecordedExchange}.
 */
final class ExchangeEntry {

	private final SimulatorRequest request;

	private volatile int status;

	private volatile String fault;

	private volatile Handling handling = Handling.RECEIVED;

	private volatile boolean responseSent;

	ExchangeEntry(SimulatorRequest request) {
		this.request = request;
	}

	void status(int status) {
		this.status = status;
	}

	void fault(String fault) {
		this.fault = fault;
	}

	void handling(Handling handling) {
		this.handling = handling;
	}

	Handling handling() {
		return this.handling;
	}

	void responseSent() {
		this.responseSent = true;
	}

	RecordedExchange snapshot() {
		SimulatorRequest r = this.request;
		return new RecordedExchange(r.host(), r.method(), r.uri(), r.headerMap(), r.body(),
				r.certificate().commonName(), r.certificate().thumbprint(), r.bearerToken(), this.status, r.requestId(),
				r.receivedAt(), this.fault, this.handling, this.responseSent);
	}

}
