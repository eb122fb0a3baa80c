package io.github.checkoutmtls.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The figures of a run, printed as one Markdown table at the end, with the headline
 * ratios last.
 */
final class Results {

	private final List<String[]> rows = new ArrayList<>();

	private final List<String> headlines = new ArrayList<>();

	private final List<String> last = new ArrayList<>();

	void add(String section, String metric, String measured, String target, Boolean pass) {
		String verdict = (pass == null) ? "" : (pass ? "PASS" : "MISS");
		this.rows.add(new String[] { section, metric, measured, target, verdict });
	}

	void headline(String line) {
		this.headlines.add(line);
	}

	/**
	 * A line printed at the very end: the startup delta and the in-process (JMH) ratios.
	 */
	void startupHeadline(String line) {
		this.last.add(line);
	}

	void print(String header) {
		System.out.println();
		System.out.println(header);
		System.out.println();
		System.out.println("| section | metric | measured | target | |");
		System.out.println("|---|---|---|---|---|");
		for (String[] row : this.rows) {
			System.out.println("| " + String.join(" | ", row) + " |");
		}
		System.out.println();
		System.out.println("Headline ratios (medians of per-round ratios, same run):");
		this.headlines.forEach((line) -> System.out.println("  " + line));
		if (!this.last.isEmpty()) {
			System.out.println();
			System.out.println("Startup and in-process pipeline cost:");
			this.last.forEach((line) -> System.out.println("  " + line));
		}
	}

	static String ratio(double value) {
		return String.format("%.3f", value);
	}

	static String number(double value) {
		return (value >= 100) ? String.format("%.0f", value) : String.format("%.2f", value);
	}

}
