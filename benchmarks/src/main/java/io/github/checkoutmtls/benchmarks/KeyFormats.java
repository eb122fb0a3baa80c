package io.github.checkoutmtls.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.io.pem.PemObject;

import org.springframework.core.io.DefaultResourceLoader;

import io.github.checkoutmtls.identity.CertificateChecks;
import io.github.checkoutmtls.identity.ClientIdentityLoader;
import io.github.checkoutmtls.test.pki.TestPki;

/**
 * Times loading and validating the client key material in each format the starter reads:
 * the starter's own loaders and the startup checks, as {@code checkoutMtlsConnector} runs
 * them.
 */
final class KeyFormats {

	private static final String PASSWORD = "changeit";

	private KeyFormats() {
	}

	/**
	 * Writes one file set per format and returns a loader for each, by name.
	 */
	static Map<String, ClientIdentityLoader> loaders(BenchPki pki) {
		try {
			Path dir = Files.createDirectories(pki.directory.resolve("formats"));
			DefaultResourceLoader resources = new DefaultResourceLoader();
			Map<String, ClientIdentityLoader> loaders = new LinkedHashMap<>();
			Path ecChain = write(dir, "ec-chain.pem", pem(pki.ec.chain().toArray()));
			Path rsaChain = write(dir, "rsa-chain.pem", pem(pki.rsa.chain().toArray()));
			Path pkcs8 = write(dir, "ec-pkcs8.pem", pem(new JcaPKCS8Generator(pki.ec.leaf().privateKey(), null)));
			loaders.put("PEM PKCS#8 (EC P-256)", pem(resources, ecChain, pkcs8, null));
			Path encrypted = write(dir, "ec-pkcs8-encrypted.pem",
					pem(new JcaPKCS8Generator(pki.ec.leaf().privateKey(),
							new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
								.setProvider(new BouncyCastleProvider())
								.setPassword(PASSWORD.toCharArray())
								.build())));
			loaders.put("PEM encrypted PKCS#8 (PBES2, AES-256)", pem(resources, ecChain, encrypted, PASSWORD));
			Path sec1 = write(dir, "ec-sec1.pem", pem(sec1(pki.ec.leaf().privateKey())));
			loaders.put("PEM SEC1 (EC P-256)", pem(resources, ecChain, sec1, null));
			Path pkcs1 = write(dir, "rsa-pkcs1.pem", pem(pki.rsa.leaf().privateKey()));
			loaders.put("PEM PKCS#1 (RSA 2048)", pem(resources, rsaChain, pkcs1, null));
			Path p12 = store(dir.resolve("ec.p12"), "PKCS12", pki.ec);
			loaders.put("PKCS#12 (EC P-256)",
					ClientIdentityLoader.keyStore(resources, "file:" + p12, "PKCS12", PASSWORD, null));
			Path jks = store(dir.resolve("ec.jks"), "JKS", pki.ec);
			loaders.put("JKS (EC P-256)",
					ClientIdentityLoader.keyStore(resources, "file:" + jks, "JKS", PASSWORD, null));
			return loaders;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (OperatorCreationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Loads and checks, as at startup; returns the time in microseconds.
	 */
	static double loadAndCheckMicros(ClientIdentityLoader loader, CertificateChecks checks) {
		long start = System.nanoTime();
		checks.enforce(loader.load());
		return (System.nanoTime() - start) / 1e3;
	}

	static CertificateChecks checks() {
		return new CertificateChecks(TestPki.DEFAULT_COMMON_NAME, Duration.ofDays(30), Clock.systemUTC());
	}

	static List<String> names(Map<String, ClientIdentityLoader> loaders) {
		return new ArrayList<>(loaders.keySet());
	}

	private static ClientIdentityLoader pem(DefaultResourceLoader resources, Path chain, Path key, String password) {
		return ClientIdentityLoader.pem(resources, "file:" + chain, "file:" + key, password);
	}

	// The JDK's PKCS#8 encoding leaves the curve out of the inner SEC1 structure;
	// openssl's SEC1 keeps it.
	private static PemObject sec1(PrivateKey key) throws IOException {
		PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
		org.bouncycastle.asn1.sec.ECPrivateKey inner = org.bouncycastle.asn1.sec.ECPrivateKey
			.getInstance(info.parsePrivateKey());
		org.bouncycastle.asn1.sec.ECPrivateKey withCurve = new org.bouncycastle.asn1.sec.ECPrivateKey(256,
				inner.getKey(), info.getPrivateKeyAlgorithm().getParameters());
		return new PemObject("EC PRIVATE KEY", withCurve.getEncoded());
	}

	private static String pem(Object... objects) throws IOException {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			for (Object object : objects) {
				writer.writeObject(object);
			}
		}
		return out.toString();
	}

	private static Path store(Path file, String type, TestPki pki) throws IOException {
		try (OutputStream out = Files.newOutputStream(file)) {
			KeyStore store = KeyStore.getInstance(type);
			store.load(null, null);
			PrivateKey key = pki.leaf().privateKey();
			store.setKeyEntry("checkout", key, PASSWORD.toCharArray(), pki.chain().toArray(Certificate[]::new));
			store.store(out, PASSWORD.toCharArray());
			return ownerOnly(file);
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path write(Path dir, String name, String content) throws IOException {
		return ownerOnly(Files.writeString(dir.resolve(name), content));
	}

	// As a deployment would keep a key file: the starter warns about anything more open.
	private static Path ownerOnly(Path file) throws IOException {
		Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
		return file;
	}

}
