package io.github.checkoutmtls.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * Medians and percentiles.
 */
final class Stats {

	private Stats() {
	}

	static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/**
	 * Returns a percentile of sorted values, nearest rank.
	 */
	static long percentile(long[] sorted, double percentile) {
		if (sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

	static long[] sorted(long[] values) {
		long[] copy = values.clone();
		Arrays.sort(copy);
		return copy;
	}

}
