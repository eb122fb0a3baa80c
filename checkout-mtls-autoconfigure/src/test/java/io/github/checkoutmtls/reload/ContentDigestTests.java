package io.github.checkoutmtls.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ContentDigest}.
 */
class ContentDigestTests {

	@TempDir
	Path directory;

	private final List<String> loaded = new ArrayList<>();

	private final ResourceLoader resourceLoader = new DefaultResourceLoader() {

		@Override
		public Resource getResource(String location) {
			ContentDigestTests.this.loaded.add(location);
			return super.getResource(location);
		}

	};

	@Test
	void sameContentGivesTheSameDigestAndAnyChangeAnother() throws IOException {
		Path file = Files.writeString(this.directory.resolve("tls.crt"), "chain");
		String digest = digest(file.toString());
		assertThat(digest).hasSize(64).matches("[0-9a-f]+").isEqualTo(digest(file.toString()));
		Files.writeString(file, "chain2");
		assertThat(digest(file.toString())).isNotEqualTo(digest);
	}

	@Test
	void contentMovedFromOneFileToTheOtherIsAChange() throws IOException {
		Path certificate = Files.writeString(this.directory.resolve("tls.crt"), "chainkey");
		Path key = Files.writeString(this.directory.resolve("tls.key"), "");
		String together = digest(certificate.toString(), key.toString());
		Files.writeString(certificate, "chain");
		Files.writeString(key, "key");
		assertThat(digest(certificate.toString(), key.toString())).isNotEqualTo(together);
	}

	@Test
	void unreadableFileIsADistinctContentNotAFailure() throws IOException {
		Path file = Files.writeString(this.directory.resolve("tls.crt"), "");
		String empty = digest(file.toString());
		Files.delete(file);
		String missing = digest(file.toString());
		assertThat(missing).isNotEqualTo(empty).isEqualTo(digest(file.toString()));
	}

	@Test
	void prefixedLocationIsReadThroughTheResourceLoaderAndAPlainPathFromTheFileSystem() throws IOException {
		Path file = Files.writeString(this.directory.resolve("tls.crt"), "chain");
		String plain = digest(file.toString());
		assertThat(this.loaded).isEmpty();
		String prefixed = digest("file:" + file);
		assertThat(this.loaded).containsExactly("file:" + file);
		Files.delete(file);
		assertThat(digest("file:" + file)).as("read again, not remembered").isNotEqualTo(prefixed);
		assertThat(plain).as("the location is part of the digest").isNotEqualTo(prefixed);
	}

	private String digest(String... locations) {
		return ContentDigest.of(this.resourceLoader, List.of(locations));
	}

}
