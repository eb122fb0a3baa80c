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
	private static final int MAX_PUBLIC_SHARE_PERCENT = 38;

	private static final Pattern PUBLIC_TYPE = Pattern
		.compile("(?m)^(@[\\w.]+(\\([^)]*\\))? )*public (final |abstract |sealed |non-sealed |strictfp )*"
				+ "(class|interface|record|enum|@interface) ");

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

	@Test
	void everyWayOfDeclaringAPublicTypeIsCounted() {
		assertThat(List.of("public class A {", "public final class A {", "public abstract class A {",
				"public sealed interface A permits B {", "public non-sealed class A extends B {",
				"public non-sealed interface A extends B {", "public record A(int a) {", "public enum A {",
				"public @interface A {", "@Deprecated public class A {",
				"@SuppressWarnings(\"x\") public final class A {"))
			.allMatch((declaration) -> PUBLIC_TYPE.matcher("package a;\n\n" + declaration + "\n}\n").find());
		assertThat(List.of("class A {", "final class A {", "sealed interface A permits B {", "non-sealed class A {",
				"record A(int a) {", " * public class A, in a comment"))
			.noneMatch((declaration) -> PUBLIC_TYPE.matcher("package a;\n\n" + declaration + "\n}\n").find());
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
