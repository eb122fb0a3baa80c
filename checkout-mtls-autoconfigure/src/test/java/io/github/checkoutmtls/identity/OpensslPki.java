package io.github.checkoutmtls.identity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test PKI made with the {@code openssl} and {@code keytool} command line tools, so that
 * the loaders are tested against the files users actually have: root CA, intermediate CA
 * and leaves signed by the intermediate, plus every key and key store format the loaders
 * accept.
 */
final class OpensslPki {

	static final String PASSWORD = "Pa55-w0rd-never-shown";

	private static final String EXTENSIONS = """
			[ca]
			basicConstraints = critical, CA:TRUE
			keyUsage = critical, keyCertSign, cRLSign
			[leaf]
			basicConstraints = CA:FALSE
			keyUsage = critical, digitalSignature
			extendedKeyUsage = clientAuth
			""";

	private final Path dir;

	private final Path rootCertificate;

	private final Path intermediateCertificate;

	private OpensslPki(Path dir) {
		this.dir = dir;
		write("extensions.cnf", EXTENSIONS);
		openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "root.key");
		openssl("req", "-new", "-key", "root.key", "-subj", "/CN=Test Root CA", "-out", "root.csr");
		openssl("x509", "-req", "-in", "root.csr", "-signkey", "root.key", "-days", "2", "-extfile", "extensions.cnf",
				"-extensions", "ca", "-out", "root.pem");
		this.rootCertificate = file("root.pem");
		openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "intermediate.key");
		sign("intermediate", "/CN=Test Intermediate CA", "root", "ca");
		this.intermediateCertificate = file("intermediate.pem");
	}

	/**
	 * Creates the root and intermediate CAs in a directory.
	 * @param dir where to write the files
	 * @return the PKI
	 */
	static OpensslPki create(Path dir) {
		return new OpensslPki(dir);
	}

	/**
	 * Creates a leaf key (unencrypted PKCS#8) and its certificate, signed by the
	 * intermediate.
	 * @param name the file name prefix and the CN's first label
	 * @param keySpec {@code rsa:2048}, {@code rsa:4096}, {@code ec:P-256} or
	 * {@code ec:P-384}
	 * @return the leaf
	 */
	Leaf leaf(String name, String keySpec) {
		String[] spec = keySpec.split(":");
		if (spec[0].equals("rsa")) {
			openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:" + spec[1], "-out", name + ".key");
		}
		else {
			openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + spec[1], "-out", name + ".key");
		}
		sign(name, "/CN=" + name + ".client.internal/O=Checkout mTLS Tests", "intermediate", "leaf");
		return new Leaf(this, name, file(name + ".key"), file(name + ".pem"));
	}

	private void sign(String name, String subject, String issuer, String extensions) {
		openssl("req", "-new", "-key", name + ".key", "-subj", subject, "-out", name + ".csr");
		openssl("x509", "-req", "-in", name + ".csr", "-CA", issuer + ".pem", "-CAkey", issuer + ".key",
				"-CAcreateserial", "-days", "2", "-extfile", "extensions.cnf", "-extensions", extensions, "-out",
				name + ".pem");
	}

	Path rootCertificate() {
		return this.rootCertificate;
	}

	Path intermediateCertificate() {
		return this.intermediateCertificate;
	}

	Path file(String name) {
		return this.dir.resolve(name);
	}

	Path write(String name, String content) {
		return write(name, content.getBytes(StandardCharsets.UTF_8));
	}

	Path write(String name, byte[] content) {
		try {
			return Files.write(file(name), content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Concatenates files, as users do with
	 * {@code cat leaf.pem intermediate.pem > chain.pem}.
	 * @param name the file to write
	 * @param parts the files to concatenate
	 * @return the written file
	 */
	Path concat(String name, Path... parts) {
		StringBuilder content = new StringBuilder();
		for (Path part : parts) {
			content.append(read(part));
		}
		return write(name, content.toString());
	}

	static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static X509Certificate certificate(Path file) {
		try {
			byte[] content = Files.readAllBytes(file);
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(content));
		}
		catch (IOException | CertificateException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Runs {@code openssl} in the PKI's directory.
	 * @param args the arguments
	 */
	void openssl(String... args) {
		List<String> command = new ArrayList<>(List.of("openssl"));
		command.addAll(Arrays.asList(args));
		run(command);
	}

	/**
	 * Runs the JDK's {@code keytool} in the PKI's directory.
	 * @param args the arguments
	 */
	void keytool(String... args) {
		List<String> command = new ArrayList<>(
				List.of(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString()));
		command.addAll(Arrays.asList(args));
		run(command);
	}

	private void run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).directory(this.dir.toFile())
				.redirectErrorStream(true)
				.start();
			process.getOutputStream().close();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(
						String.join(" ", command) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A leaf key and certificate, and the formats they can be written in.
	 *
	 * @param pki the PKI that issued it
	 * @param name the file name prefix
	 * @param key the unencrypted PKCS#8 key
	 * @param certificate the leaf certificate alone
	 */
	record Leaf(OpensslPki pki, String name, Path key, Path certificate) {

		X509Certificate x509() {
			return OpensslPki.certificate(this.certificate);
		}

		/** Leaf, intermediate, root: the order users are told to use. */
		Path chain() {
			return this.pki.concat(this.name + "-chain.pem", this.certificate, this.pki.intermediateCertificate,
					this.pki.rootCertificate);
		}

		/**
		 * {@code openssl pkcs8 -topk8} with the given scheme, e.g.
		 * {@code -v2 aes-256-cbc}.
		 */
		Path encryptedPkcs8(String file, String... scheme) {
			List<String> args = new ArrayList<>(List.of("pkcs8", "-topk8", "-in", this.key.toString()));
			args.addAll(Arrays.asList(scheme));
			args.addAll(List.of("-passout", "pass:" + PASSWORD, "-out", file));
			this.pki.openssl(args.toArray(String[]::new));
			return this.pki.file(file);
		}

		/**
		 * {@code openssl rsa|ec} traditional form, optionally with a legacy cipher such
		 * as {@code -aes256}.
		 */
		Path traditional(String file, String... cipher) {
			String tool = this.name.startsWith("ec") ? "ec" : "rsa";
			List<String> args = new ArrayList<>(List.of(tool, "-in", this.key.toString(), "-out", file));
			if (tool.equals("rsa")) {
				args.add("-traditional");
			}
			if (cipher.length > 0) {
				args.addAll(Arrays.asList(cipher));
				args.addAll(List.of("-passout", "pass:" + PASSWORD));
			}
			this.pki.openssl(args.toArray(String[]::new));
			return this.pki.file(file);
		}

		/**
		 * {@code openssl pkcs12 -export} of key, leaf and CAs with extra options such as
		 * {@code -legacy}.
		 */
		Path pkcs12(String file, String... options) {
			Path cas = this.pki.concat(this.name + "-cas.pem", this.pki.intermediateCertificate,
					this.pki.rootCertificate);
			List<String> args = new ArrayList<>(List.of("pkcs12", "-export", "-in", this.certificate.toString(),
					"-inkey", this.key.toString(), "-certfile", cas.toString(), "-name", this.name, "-passout",
					"pass:" + PASSWORD, "-out", file));
			args.addAll(Arrays.asList(options));
			this.pki.openssl(args.toArray(String[]::new));
			return this.pki.file(file);
		}

		/**
		 * Copies this leaf's PKCS#12 entry into another store of the given type with
		 * keytool.
		 */
		Path importInto(String file, String storeType) {
			Path pkcs12 = pkcs12(this.name + "-import.p12");
			this.pki.keytool("-importkeystore", "-noprompt", "-srckeystore", pkcs12.toString(), "-srcstoretype",
					"PKCS12", "-srcstorepass", PASSWORD, "-srcalias", this.name, "-destkeystore", file,
					"-deststoretype", storeType, "-deststorepass", PASSWORD, "-destkeypass", PASSWORD, "-destalias",
					this.name);
			return this.pki.file(file);
		}

	}

}
