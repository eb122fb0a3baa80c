package io.github.checkoutmtls.test.simulator;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the simulator saw, appended from event loops and read as snapshots from test threads.
 */
final class SimulatorRecords {

	private final ConcurrentLinkedQueue<RecordedExchange> exchanges = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<HandshakeRejectionRecord> rejections = new ConcurrentLinkedQueue<>();

	void add(RecordedExchange exchange) {
		this.exchanges.add(exchange);
	}

	void add(HandshakeRejectionRecord rejection) {
		this.rejections.add(rejection);
	}

	List<RecordedExchange> exchanges() {
		return List.copyOf(this.exchanges);
	}

	List<HandshakeRejectionRecord> rejections() {
		return List.copyOf(this.rejections);
	}

	void clear() {
		this.exchanges.clear();
		this.rejections.clear();
	}

}
