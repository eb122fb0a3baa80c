package io.github.checkoutmtls.doctor.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code checkout-mtls-doctor} command's arguments: {@code --name value} or
 * {@code --name=value} options and {@code --flag}s, nothing positional.
 */
final class DoctorArguments {

	static final List<String> OPTIONS = List.of("--certificate", "--private-key", "--private-key-password-env",
			"--keystore", "--keystore-password-env", "--keystore-type", "--alias", "--environment", "--api-base-url",
			"--expected-common-name", "--trust-certificates", "--root", "--roots-out", "--registered-roots");

	static final List<String> FLAGS = List.of("--connect", "--help");

	private final Map<String, String> values;

	private final Set<String> flags;

	private DoctorArguments(Map<String, String> values, Set<String> flags) {
		this.values = values;
		this.flags = flags;
	}

	/**
	 * Parses the program arguments.
	 * @param args the arguments
	 * @return the parsed arguments
	 * @throws IllegalArgumentException when an argument is unknown, repeated or lacks its
	 * value
	 */
	static DoctorArguments parse(String... args) {
		Map<String, String> values = new HashMap<>();
		Set<String> flags = new HashSet<>();
		for (int i = 0; i < args.length; i++) {
			String name = args[i];
			String value = null;
			int equals = name.indexOf('=');
			if (name.startsWith("--") && equals > 0) {
				value = name.substring(equals + 1);
				name = name.substring(0, equals);
			}
			if (FLAGS.contains(name) && value == null) {
				flags.add(name);
				continue;
			}
			if (!OPTIONS.contains(name)) {
				throw new IllegalArgumentException("Unknown argument '" + name + "'");
			}
			if (value == null) {
				if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
					throw new IllegalArgumentException(name + " needs a value");
				}
				value = args[++i];
			}
			if (values.putIfAbsent(name, value) != null) {
				throw new IllegalArgumentException(name + " is given twice");
			}
		}
		return new DoctorArguments(values, flags);
	}

	/**
	 * Returns an option's value.
	 * @param name the option, e.g. {@code --certificate}
	 * @return the value, or {@code null} when not given
	 */
	String get(String name) {
		return this.values.get(name);
	}

	/**
	 * Whether a flag was given.
	 * @param name the flag, e.g. {@code --connect}
	 * @return whether it was given
	 */
	boolean has(String name) {
		return this.flags.contains(name);
	}

}
