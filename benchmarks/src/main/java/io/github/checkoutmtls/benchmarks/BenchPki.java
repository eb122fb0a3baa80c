package io.github.checkoutmtls.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.pki.TestPkiFiles;

/**
 * The benchmark's key material: the test PKI the starter's tests use, written to a
 * temporary folder. The EC P-256 PKI is the default one; the RSA-2048 one is only used to
 * compare handshake costs.
 */
final class BenchPki {

	final TestPki ec;

	final TestPki rsa;

	final Path directory;

	final TestPkiFiles ecFiles;

	BenchPki() {
		this.ec = TestPki.builder().keyType(KeyType.EC_P256).build();
		this.rsa = TestPki.builder().keyType(KeyType.RSA_2048).caKeyType(KeyType.RSA_2048).build();
		try {
			this.directory = Files.createTempDirectory("checkout-mtls-bench");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.ecFiles = this.ec.writeTo(this.directory.resolve("ec"));
	}

	/**
	 * Builds a client context the way the starter's connector does: the full chain, TLS
	 * 1.2 and 1.3.
	 */
	SslContext clientContext(TestPki pki, SslProvider provider) {
		try {
			return SslContextBuilder.forClient()
				.sslProvider(provider)
				.protocols("TLSv1.3", "TLSv1.2")
				.keyManager(pki.leaf().privateKey(), pki.chain().toArray(X509Certificate[]::new))
				.trustManager(this.ec.serverCa())
				.build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static SslProvider autoProvider() {
		return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
	}

}
