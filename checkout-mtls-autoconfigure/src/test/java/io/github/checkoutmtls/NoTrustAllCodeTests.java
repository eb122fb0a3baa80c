package io.github.checkoutmtls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the whole source tree, tests included, against code that trusts every
 * certificate or host.
 */
class NoTrustAllCodeTests {

	// Built from parts so that this file does not match itself.
	private static final List<Pattern> FORBIDDEN = List.of(Pattern.compile("Insecure" + "TrustManagerFactory"),
			Pattern.compile("TrustAll" + "Strategy"), Pattern.compile("Noop" + "HostnameVerifier"),
			Pattern.compile("TrustAll" + "Certs"), Pattern.compile("ALLOW_ALL" + "_HOSTNAME_VERIFIER"),
			Pattern.compile("check(Server|Client)" + "Trusted\\([^)]*\\)[^{;]*\\{\\s*\\}"),
			Pattern.compile("getAcceptedIssuers\\(\\)\\s*\\{\\s*return\\s+null"),
			Pattern.compile("setEndpointIdentificationAlgorithm\\(\\s*(null|\"\")"),
			Pattern.compile("verify\\(String [a-z]+, SSLSession [a-z]+\\)\\s*\\{\\s*return\\s+true"));

	@Test
	void noSourceFileTrustsEverything() throws IOException {
		Path root = Paths.get("..").toAbsolutePath().normalize();
		try (Stream<Path> files = Files.walk(root)) {
			List<String> offenders = files.filter((file) -> file.toString().endsWith(".java"))
				.filter((file) -> !file.toString().contains("/target/"))
				.filter(NoTrustAllCodeTests::trustsEverything)
				.map(root::relativize)
				.map(Path::toString)
				.toList();
			assertThat(offenders).isEmpty();
		}
	}

	@Test
	void theGuardSeesTheSourceTree() throws IOException {
		try (Stream<Path> files = Files.walk(Paths.get("..").toAbsolutePath().normalize())) {
			assertThat(files.filter((file) -> file.endsWith("RegisteredRootsTrustManager.java"))).hasSize(1);
		}
	}

	private static boolean trustsEverything(Path file) {
		try {
			String source = Files.readString(file);
			return FORBIDDEN.stream().anyMatch((pattern) -> pattern.matcher(source).find());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
