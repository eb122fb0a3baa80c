package io.github.checkoutmtls.benchmarks;

import java.time.Duration;

/**
 * How long and how often each measurement runs.
 *
 * @param quick whether this is the quick mode
 * @param rounds measured rounds per contender (medians are taken over them)
 * @param warmUp warm-up of each contender before its first measured round
 * @param roundLength length of one measured round of a throughput measurement
 * @param handshakeConnections new connections per provider/key combination and round
 * @param startupRuns JVM starts per application kind
 * @param keyLoads loads per key material format and round
 */
record BenchConfig(boolean quick, int rounds, Duration warmUp, Duration roundLength, int handshakeConnections,
		int startupRuns, int keyLoads) {

	static BenchConfig quickMode() {
		return new BenchConfig(true, 3, Duration.ofMillis(400), Duration.ofMillis(300), 15, 1, 10);
	}

	BenchConfig withRounds(int rounds) {
		return new BenchConfig(this.quick, rounds, this.warmUp, this.roundLength, this.handshakeConnections,
				this.startupRuns, this.keyLoads);
	}

	BenchConfig withRoundLength(Duration warmUp, Duration roundLength) {
		return new BenchConfig(this.quick, this.rounds, warmUp, roundLength, this.handshakeConnections,
				this.startupRuns, this.keyLoads);
	}

	BenchConfig withStartupRuns(int startupRuns) {
		return new BenchConfig(this.quick, this.rounds, this.warmUp, this.roundLength, this.handshakeConnections,
				startupRuns, this.keyLoads);
	}

	static BenchConfig fullMode() {
		return new BenchConfig(false, 7, Duration.ofSeconds(3), Duration.ofSeconds(2), 100, 5, 100);
	}

}
