package io.github.checkoutmtls.test.simulator;

/**
 * What to do with a connection once a request is decided: write the response, or reset
 * the connection instead (after processing, the response that was not written).
 *
 * @param response the response, or {@code null} for a reset before anything was processed
 * @param reset whether to reset the connection instead of writing the response
 */
record Outcome(SimulatorResponse response, boolean reset) {

	static Outcome of(SimulatorResponse response) {
		return new Outcome(response, false);
	}

	static Outcome reset(SimulatorResponse unsent) {
		return new Outcome(unsent, true);
	}

}
