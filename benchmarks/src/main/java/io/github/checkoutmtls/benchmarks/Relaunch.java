package io.github.checkoutmtls.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command line that runs this program again in a new JVM, from a fat jar or a
 * class path.
 */
final class Relaunch {

	private Relaunch() {
	}

	static List<String> command(List<String> jvmOptions, List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		String classPath = System.getProperty("java.class.path");
		if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
			command.add("-jar");
			command.add(classPath);
		}
		else {
			command.add("-cp");
			command.add(classPath);
			command.add(Benchmarks.class.getName());
		}
		command.addAll(arguments);
		return command;
	}

}
