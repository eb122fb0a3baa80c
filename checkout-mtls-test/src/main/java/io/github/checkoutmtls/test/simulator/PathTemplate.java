package io.github.checkoutmtls.test.simulator;

import java.util.HashMap;
import java.util.Map;

/**
 * A path such as {@code /payments/{id}/captures}, where a {@code {name}} segment matches
 * any one non-empty segment.
 */
final class PathTemplate {

	private final String text;

	private final String[] segments;

	private PathTemplate(String text) {
		this.text = text;
		this.segments = segments(text);
	}

	static PathTemplate of(String template) {
		if (template == null || !template.startsWith("/")) {
			throw new IllegalArgumentException("A path template must start with '/', was " + template);
		}
		return new PathTemplate(template);
	}

	/**
	 * Matches a request path, without its query string.
	 * @param path the path
	 * @return the values of the {@code {name}} segments, or {@code null} if the path does
	 * not match
	 */
	Map<String, String> match(String path) {
		String[] actual = segments(path);
		if (actual.length != this.segments.length) {
			return null;
		}
		Map<String, String> variables = new HashMap<>();
		for (int i = 0; i < actual.length; i++) {
			String segment = this.segments[i];
			if (segment.startsWith("{") && segment.endsWith("}")) {
				if (actual[i].isEmpty()) {
					return null;
				}
				variables.put(segment.substring(1, segment.length() - 1), actual[i]);
			}
			else if (!segment.equals(actual[i])) {
				return null;
			}
		}
		return variables;
	}

	private static String[] segments(String path) {
		String trimmed = path.startsWith("/") ? path.substring(1) : path;
		return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
	}

	@Override
	public String toString() {
		return this.text;
	}

}
