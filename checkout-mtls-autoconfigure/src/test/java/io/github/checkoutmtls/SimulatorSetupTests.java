package io.github.checkoutmtls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests in every module start a simulator one way: {@code SimulatorFixture} (its builder,
 * {@code perClass()} or {@code @CheckoutMtlsSimulatorTest}), which starts it with the PKI
 * it trusts, the properties that point the starter at both, and per-test resets. A test
 * class that calls {@code CheckoutMtlsSimulator.builder()} itself fails here, unless it
 * is allowed below with the reason the fixture cannot serve it.
 */
class SimulatorSetupTests {

	private static final Pattern OWN_SIMULATOR = Pattern.compile("CheckoutMtlsSimulator\\s*\\.\\s*builder\\s*\\(");

	private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

	private static final String SIMULATOR_TESTS = "checkout-mtls-test/src/test/java/io/github/checkoutmtls/test/simulator/";

	/**
	 * Test classes that build their own simulator, by path from the project root, each
	 * with why.
	 */
	private static final Map<String, String> ALLOWED = Map.of(SIMULATOR_TESTS + "CheckoutMtlsSimulatorTests.java",
			"tests the simulator's builder: defaults, rejection modes, server identities",
			SIMULATOR_TESTS + "CheckoutMtlsSimulatorTokenTests.java",
			"tests the builder's token options (lifetimes, secrets, scopes, expires_in)",
			SIMULATOR_TESTS + "CheckoutMtlsSimulatorApiTests.java",
			"tests the builder's API options (processing channel requirement)",
			SIMULATOR_TESTS + "CheckoutMtlsSimulatorActionsTests.java",
			"tests the builder's action options (processing time, refusal bodies) on a test clock",
			SIMULATOR_TESTS + "CheckoutMtlsSimulatorIdempotencyTests.java",
			"tests the builder's idempotency options (key lifetime, concurrent answer, reuse) on a test clock",
			SIMULATOR_TESTS + "CheckoutMtlsSimulatorFidelityTests.java",
			"tests the simulator's semantics at their edges (a client giving up, cleared payments, currencies,"
					+ " malformed token forms) on an instance of its own",
			"checkout-mtls-test/src/main/java/io/github/checkoutmtls/test/junit/SimulatorFixture.java",
			"the fixture itself",
			"checkout-mtls-autoconfigure/src/test/java/io/github/checkoutmtls/identity/KeyFormatHandshakeTests.java",
			"its PKI is made by the openssl command line, with leaves of several CNs, which a TestPki cannot model");

	@Test
	void noTestClassBuildsItsOwnSimulatorOutsideTheAllowList() throws IOException {
		Path root = Paths.get("..").toAbsolutePath().normalize();
		List<String> building = sources(root).filter((file) -> buildsOwnSimulator(read(file)))
			.map((file) -> root.relativize(file).toString().replace('\\', '/'))
			.toList();
		assertThat(building).as("test classes that build a simulator with its own builder instead of SimulatorFixture")
			.isSubsetOf(ALLOWED.keySet());
		assertThat(ALLOWED.keySet()).as("allowed classes that no longer build their own simulator")
			.isSubsetOf(building);
	}

	@Test
	void simulatorBuiltInATestIsFound() {
		// Split so that this file does not build a simulator itself
		String simulator = "CheckoutMtlsSimulator";
		assertThat(buildsOwnSimulator("this.simulator = " + simulator + ".builder().start();")).isTrue();
		assertThat(buildsOwnSimulator(simulator + "\n\t\t\t.builder()\n\t\t\t.start()")).isTrue();
		assertThat(buildsOwnSimulator("SimulatorFixture.builder().pki(pki).start()")).isFalse();
		assertThat(buildsOwnSimulator("CheckoutMtlsSimulatorBuilder builder")).isFalse();
		assertThat(buildsOwnSimulator("// not " + simulator + ".builder()\n/* nor " + simulator + ".builder() */"))
			.isFalse();
	}

	private static Stream<Path> sources(Path root) throws IOException {
		List<Path> files;
		try (Stream<Path> walk = Files.walk(root)) {
			files = walk.filter((file) -> file.toString().endsWith(".java"))
				.filter((file) -> !root.relativize(file).toString().contains("/target/"))
				.filter((file) -> isTestSource(root.relativize(file).toString().replace('\\', '/')))
				.toList();
		}
		assertThat(files).as("test sources found from " + root).hasSizeGreaterThan(50);
		return files.stream();
	}

	// The fixture itself is a main class of checkout-mtls-test
	private static boolean isTestSource(String path) {
		return path.contains("/src/test/java/") || path.endsWith("/test/junit/SimulatorFixture.java");
	}

	static boolean buildsOwnSimulator(String source) {
		return OWN_SIMULATOR.matcher(COMMENT.matcher(source).replaceAll("")).find();
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
