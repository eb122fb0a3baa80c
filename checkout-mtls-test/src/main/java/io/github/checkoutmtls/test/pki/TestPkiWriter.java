package io.github.checkoutmtls.test.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.EnumSet;
import java.util.List;

/**
 * Writes a {@link TestPki}'s material in the formats a checkout-mtls application reads.
 */
final class TestPkiWriter {

	private TestPkiWriter() {
	}

	static TestPkiFiles write(TestPki pki, Path directory) {
		try {
			Files.createDirectories(directory);
			Path chain = writeString(directory.resolve("chain.pem"), Pem.certificates(pki.chain()));
			Path privateKey = writeSecret(directory.resolve("private-key.pem"),
					Pem.privateKey(pki.leaf().privateKey()));
			Path root = writeString(directory.resolve("root-ca.pem"), Pem.certificates(pki.root().certificate()));
			Path serverCa = writeString(directory.resolve("server-ca.pem"), Pem.certificates(pki.serverCa()));
			Path pkcs12 = writePkcs12(directory.resolve("keystore.p12"), pki);
			return new TestPkiFiles(chain, privateKey, root, serverCa, pkcs12, TestPki.PKCS12_PASSWORD);
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new TestPkiException("Cannot write test PKI to " + directory, ex);
		}
	}

	private static Path writeString(Path path, String content) throws IOException {
		return Files.writeString(path, content);
	}

	private static Path writeSecret(Path path, String content) throws IOException {
		Files.deleteIfExists(path);
		if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			// Created owner-only so the key is never readable by others, not even briefly
			EnumSet<PosixFilePermission> ownerOnly = EnumSet.of(PosixFilePermission.OWNER_READ,
					PosixFilePermission.OWNER_WRITE);
			Files.createFile(path, PosixFilePermissions.asFileAttribute(ownerOnly));
		}
		return Files.writeString(path, content);
	}

	private static Path writePkcs12(Path path, TestPki pki) throws IOException, GeneralSecurityException {
		char[] password = TestPki.PKCS12_PASSWORD.toCharArray();
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		List<? extends Certificate> chain = pki.chain();
		store.setKeyEntry(TestPki.PKCS12_ALIAS, pki.leaf().privateKey(), password, chain.toArray(new Certificate[0]));
		try (OutputStream out = Files.newOutputStream(path)) {
			store.store(out, password);
		}
		return path;
	}

}
