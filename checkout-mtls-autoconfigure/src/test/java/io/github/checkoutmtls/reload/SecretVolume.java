package io.github.checkoutmtls.reload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.Pem;
import io.github.checkoutmtls.test.pki.TestPki;

/**
 * Key material laid out as Kubernetes writes a secret volume: {@code tls.crt} and
 * {@code tls.key} are symlinks into {@code ..data}, itself a symlink to a timestamped
 * directory that an update replaces with one atomic rename. Can also write a single
 * combined file replaced by an atomic move.
 */
final class SecretVolume {

	private final Path directory;

	private final TestPki pki;

	private final AtomicInteger version = new AtomicInteger();

	SecretVolume(Path directory, TestPki pki) {
		this.directory = directory;
		this.pki = pki;
	}

	Path certificate() {
		return this.directory.resolve("tls.crt");
	}

	Path privateKey() {
		return this.directory.resolve("tls.key");
	}

	Path combined() {
		return this.directory.resolve("combined.pem");
	}

	/**
	 * Swaps in a leaf as the kubelet does: a new directory, then an atomic rename of the
	 * {@code ..data} link.
	 */
	void swapSymlink(CertificateAndKey leaf) {
		swapSymlink(Pem.certificates(this.pki.chainFor(leaf)), Pem.privateKey(leaf.privateKey()));
	}

	void swapSymlink(String chainPem, String keyPem) {
		try {
			Path data = Files.createDirectory(this.directory.resolve("..2026_" + this.version.incrementAndGet()));
			Files.writeString(data.resolve("tls.crt"), chainPem);
			Files.writeString(data.resolve("tls.key"), keyPem);
			Path link = this.directory.resolve("..data_tmp");
			Files.createSymbolicLink(link, data.getFileName());
			Files.move(link, this.directory.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
			createLinkIfMissing(certificate(), "..data/tls.crt");
			createLinkIfMissing(privateKey(), "..data/tls.key");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Replaces {@link #combined()}, chain and key in one file, with one atomic move.
	 */
	void moveCombined(CertificateAndKey leaf) {
		moveCombined(Pem.certificates(this.pki.chainFor(leaf)) + Pem.privateKey(leaf.privateKey()));
	}

	void moveCombined(String content) {
		try {
			Path temporary = Files.writeString(this.directory.resolve(".combined-" + this.version.incrementAndGet()),
					content);
			Files.move(temporary, combined(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void createLinkIfMissing(Path link, String target) throws IOException {
		if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			Files.createSymbolicLink(link, Path.of(target));
		}
	}

}
