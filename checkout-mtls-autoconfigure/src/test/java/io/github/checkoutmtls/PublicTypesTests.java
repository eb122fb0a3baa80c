package io.github.checkoutmtls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the public surface of the autoconfigure module small: public are only the types
 * users configure, inject, replace, catch or listen to, and their share of the module's
 * main types may not grow. The target is 40 %, the ceiling is lowered as internals become
 * package-private.
 */
class PublicTypesTests {

	// Lower this, never raise it: the share of public top-level types, in percent.
	private static final int MAX_PUBLIC_SHARE_PERCENT = 56;

	private static final Pattern PUBLIC_TYPE = Pattern
		.compile("(?m)^public (final |abstract |sealed )*(class|interface|record|enum|@interface) ");

	private static final Path MAIN = Paths.get("src/main/java/io/github/checkoutmtls");

	@Test
	void shareOfPublicMainTypesStaysUnderTheCeiling() throws IOException {
		List<Path> types = mainTypes();
		List<String> publicTypes = types.stream().filter(PublicTypesTests::isPublic).map(this::name).sorted().toList();
		assertThat(types).as("main types found").hasSizeGreaterThan(100);
		assertThat(publicTypes.size() * 100)
			.as("%d of %d main types are public (%d %%), at most %d %% may be: %s", publicTypes.size(), types.size(),
					publicTypes.size() * 100 / types.size(), MAX_PUBLIC_SHARE_PERCENT, String.join(", ", publicTypes))
			.isLessThanOrEqualTo(types.size() * MAX_PUBLIC_SHARE_PERCENT);
	}

	private static List<Path> mainTypes() throws IOException {
		try (Stream<Path> files = Files.walk(MAIN)) {
			return files.filter((file) -> file.toString().endsWith(".java"))
				.filter((file) -> !file.getFileName().toString().equals("package-info.java"))
				.toList();
		}
	}

	private static boolean isPublic(Path file) {
		try {
			return PUBLIC_TYPE.matcher(Files.readString(file)).find();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String name(Path file) {
		return MAIN.relativize(file).toString().replace(".java", "").replace('/', '.');
	}

}
