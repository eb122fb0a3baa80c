package io.github.checkoutmtls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One name per concept: no two main types of the published modules share a simple name,
 * so that an import, a stack trace or a search never leaves the reader guessing which one
 * is meant.
 */
class MainTypeNamesTests {

	// The applications (sample-app, benchmarks) are not published: their own types are
	// theirs to name.
	private static final List<String> PUBLISHED_MODULES = List.of("checkout-mtls-autoconfigure", "checkout-mtls-test",
			"checkout-mtls-doctor");

	@Test
	void noTwoMainTypesOfThePublishedModulesShareASimpleName() throws IOException {
		Map<String, List<Path>> bySimpleName = new TreeMap<>();
		for (Path file : mainSources()) {
			String name = file.getFileName().toString().replace(".java", "");
			bySimpleName.computeIfAbsent(name, (key) -> new ArrayList<>()).add(file);
		}
		Map<String, List<Path>> duplicates = bySimpleName.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().size() > 1)
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
		assertThat(bySimpleName).as("main types found").hasSizeGreaterThan(100);
		assertThat(duplicates).as("simple names used by more than one main type").isEmpty();
	}

	private static List<Path> mainSources() throws IOException {
		Path root = Paths.get("..").toAbsolutePath().normalize();
		List<Path> sources = new ArrayList<>();
		for (String module : PUBLISHED_MODULES) {
			try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
				files.filter((file) -> file.toString().endsWith(".java"))
					.filter((file) -> !file.getFileName().toString().equals("package-info.java"))
					.map(root::relativize)
					.forEach(sources::add);
			}
		}
		return sources;
	}

}
