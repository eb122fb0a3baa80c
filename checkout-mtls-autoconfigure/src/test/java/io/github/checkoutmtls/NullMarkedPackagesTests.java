package io.github.checkoutmtls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every main package of every module is JSpecify {@code @NullMarked}, as in Spring Boot
 * 4: a package added without it fails here.
 */
class NullMarkedPackagesTests {

	@Test
	void everyMainPackageIsNullMarked() throws IOException {
		Path root = Paths.get("..").toAbsolutePath().normalize();
		List<Path> packages;
		try (Stream<Path> files = Files.walk(root)) {
			packages = files.filter((file) -> file.toString().endsWith(".java"))
				.filter((file) -> root.relativize(file).toString().contains("src/main/java/"))
				.filter((file) -> !root.relativize(file).toString().contains("/target/"))
				.map(Path::getParent)
				.distinct()
				.toList();
		}
		assertThat(packages).hasSizeGreaterThan(10);
		assertThat(packages).filteredOn((directory) -> !isNullMarked(directory))
			.as("packages without a @NullMarked package-info.java")
			.isEmpty();
	}

	private static boolean isNullMarked(Path directory) {
		Path packageInfo = directory.resolve("package-info.java");
		try {
			return Files.exists(packageInfo) && Files.readString(packageInfo).contains("@NullMarked");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
