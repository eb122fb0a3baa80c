package io.github.checkoutmtls.identity;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

import static io.github.checkoutmtls.identity.KeyMaterialAssertions.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KeyMaterialResource}.
 */
class KeyMaterialResourceTests {

	private static final String PROPERTY = IdentityPropertyNames.CERTIFICATE;

	@TempDir
	Path dir;

	@Test
	void readWhenPlainPathReadsFromFileSystem() throws IOException {
		Path file = Files.writeString(this.dir.resolve("a.pem"), "content");
		assertThat(read(file.toString())).asString(StandardCharsets.UTF_8).isEqualTo("content");
	}

	@Test
	void readWhenFilePrefixReadsThroughResourceLoader() throws IOException {
		Path file = Files.writeString(this.dir.resolve("b.pem"), "content");
		assertThat(read("file:" + file)).asString(StandardCharsets.UTF_8).isEqualTo("content");
	}

	@Test
	void readWhenClasspathPrefixReadsThroughResourceLoader() {
		byte[] content = KeyMaterialResource.read(loaderReturning(new ByteArrayResource(new byte[] { 'x' })), PROPERTY,
				"classpath:client.pem");
		assertThat(content).containsExactly('x');
	}

	@Test
	void readWhenFileIsMissingFails() {
		String missing = this.dir.resolve("missing.pem").toString();
		KeyMaterialNotReadableException ex = assertFailure(() -> read(missing), KeyMaterialNotReadableException.class,
				PROPERTY);
		assertThat(ex.getProblem()).contains("does not exist");
		assertThat(ex.getValue()).isEqualTo(missing);
	}

	@Test
	void readWhenLocationIsDirectoryFails() {
		KeyMaterialNotReadableException ex = assertFailure(() -> read(this.dir.toString()),
				KeyMaterialNotReadableException.class, PROPERTY);
		assertThat(ex.getProblem()).contains("directory");
	}

	@Test
	void readWhenResourceIsNotReadableFails() {
		ByteArrayResource unreadable = new ByteArrayResource(new byte[] { 'x' }) {

			@Override
			public boolean isReadable() {
				return false;
			}

		};
		KeyMaterialNotReadableException ex = assertFailure(
				() -> KeyMaterialResource.read(loaderReturning(unreadable), PROPERTY, "classpath:client.pem"),
				KeyMaterialNotReadableException.class, PROPERTY);
		assertThat(ex.getProblem()).contains("not readable");
	}

	@Test
	void readWhenFileIsEmptyFails() throws IOException {
		Path empty = Files.createFile(this.dir.resolve("empty.pem"));
		KeyMaterialNotReadableException ex = assertFailure(() -> read(empty.toString()),
				KeyMaterialNotReadableException.class, PROPERTY);
		assertThat(ex.getProblem()).contains("empty");
	}

	@Test
	void readWhenFileHoldsOnlyWhitespaceFailsAsEmpty() throws IOException {
		Path blank = Files.writeString(this.dir.resolve("blank.pem"), " \r\n\t\n");
		assertThat(assertFailure(() -> read(blank.toString()), KeyMaterialNotReadableException.class, PROPERTY)
			.getProblem()).contains("empty");
	}

	@Test
	void readWhenFileIsTenMegabytesFailsWithoutReadingIt() throws IOException {
		Path large = this.dir.resolve("large.pem");
		try (RandomAccessFile file = new RandomAccessFile(large.toFile(), "rw")) {
			file.setLength(10L * 1024 * 1024);
		}
		KeyMaterialNotReadableException ex = assertFailure(() -> read(large.toString()),
				KeyMaterialNotReadableException.class, PROPERTY);
		assertThat(ex.getProblem()).contains("larger than");
	}

	@Test
	void readWhenFileIsExactlyAtLimitReadsIt() throws IOException {
		byte[] content = new byte[KeyMaterialResource.MAX_SIZE];
		content[0] = 'x';
		Path file = Files.write(this.dir.resolve("limit.pem"), content);
		assertThat(read(file.toString())).hasSize(KeyMaterialResource.MAX_SIZE);
	}

	private static byte[] read(String location) {
		return KeyMaterialResource.read(new DefaultResourceLoader(), PROPERTY, location);
	}

	private static DefaultResourceLoader loaderReturning(Resource resource) {
		return new DefaultResourceLoader() {

			@Override
			public Resource getResource(String location) {
				return resource;
			}

		};
	}

}
