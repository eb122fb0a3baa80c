package io.github.checkoutmtls.test.simulator;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the simulator saw, appended from event loops and read as snapshots from test
 * threads: exchanges in order of arrival, rejected handshakes, and each run of a route or
 * stub handler.
 */
final class SimulatorRecords {

	private final ConcurrentLinkedQueue<ExchangeEntry> exchanges = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<HandshakeRejectionRecord> rejections = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<Processed> processed = new ConcurrentLinkedQueue<>();

	ExchangeEntry arrived(SimulatorRequest request) {
		ExchangeEntry entry = new ExchangeEntry(request);
		this.exchanges.add(entry);
		return entry;
	}

	void add(HandshakeRejectionRecord rejection) {
		this.rejections.add(rejection);
	}

	void processed(SimulatorRequest request) {
		this.processed.add(new Processed(request.method(), request.path()));
	}

	List<RecordedExchange> exchanges() {
		return this.exchanges.stream().map(ExchangeEntry::snapshot).toList();
	}

	List<HandshakeRejectionRecord> rejections() {
		return List.copyOf(this.rejections);
	}

	int processed(String method, String pathTemplate) {
		PathTemplate template = PathTemplate.of(pathTemplate);
		return (int) this.processed.stream()
			.filter((run) -> ("*".equals(method) || run.method().equalsIgnoreCase(method))
					&& template.match(run.path()) != null)
			.count();
	}

	void clear() {
		this.exchanges.clear();
		this.rejections.clear();
		this.processed.clear();
	}

	private record Processed(String method, String path) {

	}

}
