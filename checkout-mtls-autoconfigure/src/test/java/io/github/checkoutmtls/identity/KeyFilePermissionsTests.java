package io.github.checkoutmtls.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KeyFilePermissions}.
 */
@ExtendWith(OutputCaptureExtension.class)
class KeyFilePermissionsTests {

	@TempDir
	Path directory;

	@Test
	void keyReadableByOthersLogsAWarningNamingTheFileAndTheFix(CapturedOutput output) throws Exception {
		Path key = file("shared.key", "rw-r--r--");
		assertThat(KeyFilePermissions.warnIfShared(key, "checkout.mtls.pem.private-key")).isTrue();
		assertThat(output).contains("WARN")
			.contains(key.toString())
			.contains("checkout.mtls.pem.private-key")
			.contains("chmod 600 " + key);
	}

	@Test
	void keyReadableByGroupLogsAWarning() throws Exception {
		assertThat(KeyFilePermissions.warnIfShared(file("group.key", "rw-r-----"), "p")).isTrue();
	}

	@Test
	void keyReadableByOwnerOnlyLogsNothing(CapturedOutput output) throws Exception {
		Path key = file("private.key", "rw-------");
		assertThat(KeyFilePermissions.warnIfShared(key, "checkout.mtls.pem.private-key")).isFalse();
		assertThat(output).doesNotContain(key.toString());
	}

	@Test
	void missingFileLogsNothing() {
		assertThat(KeyFilePermissions.warnIfShared(this.directory.resolve("absent.key"), "p")).isFalse();
	}

	private Path file(String name, String permissions) throws Exception {
		Path file = Files.writeString(this.directory.resolve(name), "not a real key");
		return Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
	}

}
