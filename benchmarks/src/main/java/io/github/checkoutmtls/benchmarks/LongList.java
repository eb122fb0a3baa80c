package io.github.checkoutmtls.benchmarks;

import java.util.Arrays;

/**
 * A growable list of longs, written by one worker at a time.
 */
final class LongList {

	private long[] values = new long[1024];

	private int size;

	void add(long value) {
		if (this.size == this.values.length) {
			this.values = Arrays.copyOf(this.values, this.size * 2);
		}
		this.values[this.size++] = value;
	}

	int size() {
		return this.size;
	}

	long[] toArray() {
		return Arrays.copyOf(this.values, this.size);
	}

	static long[] concat(Iterable<LongList> lists) {
		int total = 0;
		for (LongList list : lists) {
			total += list.size;
		}
		long[] all = new long[total];
		int at = 0;
		for (LongList list : lists) {
			System.arraycopy(list.values, 0, all, at, list.size);
			at += list.size;
		}
		return all;
	}

}
