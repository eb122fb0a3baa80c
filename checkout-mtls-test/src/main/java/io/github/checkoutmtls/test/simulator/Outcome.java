package io.github.checkoutmtls.test.simulator;

/**
 * What became of a request: the response to write or, after a reset fault, the response that was not
 * written, with the fault applied and whether the response was an idempotent replay.
 *
 * @param response the response
 * @param fault how {@link RecordedExchange#fault()} names the injected fault, or {@code null}
 * @param replayed whether the response replays the one kept for the request's idempotency key
 * @param reset whether to reset the connection instead of writing the response
 */
record Outcome(SimulatorResponse response, String fault, boolean replayed, boolean reset) {

	static Outcome of(SimulatorResponse response) {
		return new Outcome(response, null, false, false);
	}

}
