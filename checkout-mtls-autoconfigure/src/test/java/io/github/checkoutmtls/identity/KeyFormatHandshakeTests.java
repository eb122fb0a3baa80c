package io.github.checkoutmtls.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.TestContexts;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.RecordedExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every key material format the starter accepts, written by openssl or keytool, loaded
 * through the auto-configuration and presented in a real mutual TLS handshake to the
 * simulator, which records the leaf it received.
 */
class KeyFormatHandshakeTests {

	@TempDir
	static Path directory;

	static OpensslPki pki;

	static OpensslPki.Leaf rsa;

	static OpensslPki.Leaf ec;

	static CheckoutMtlsSimulator simulator;

	static Path serverCa;

	private final ApplicationContextRunner contextRunner = TestContexts.contextRunner();

	@BeforeAll
	static void start() {
		pki = OpensslPki.create(directory);
		rsa = pki.leaf("rsa", "rsa:2048");
		ec = pki.leaf("ec", "ec:P-256");
		simulator = CheckoutMtlsSimulator.builder().trustedRoots(OpensslPki.certificate(pki.rootCertificate())).start();
		simulator.addPayment("pay_formats", "Authorized", 1000, "EUR");
		serverCa = pki.write("server-ca.pem", simulator.serverCaPem());
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	static Stream<Arguments> formats() {
		List<Arguments> formats = new ArrayList<>();
		formats.add(format("PEM PKCS#8 RSA 2048", rsa, pem(rsa.chain(), rsa.key())));
		formats.add(format("PEM PKCS#8 EC P-256", ec, pem(ec.chain(), ec.key())));
		OpensslPki.Leaf p384 = pki.leaf("ec384", "ec:P-384");
		formats.add(format("PEM PKCS#8 EC P-384", p384, pem(p384.chain(), p384.key())));
		OpensslPki.Leaf rsa4096 = pki.leaf("rsa4096", "rsa:4096");
		formats.add(format("PEM PKCS#8 RSA 4096", rsa4096, pem(rsa4096.chain(), rsa4096.key())));
		formats.add(format("encrypted PKCS#8 PBES2 AES-256", rsa,
				encrypted(rsa.chain(), rsa.encryptedPkcs8("rsa-pbes2.pem", "-v2", "aes-256-cbc"))));
		formats.add(format("encrypted PKCS#8 PBES1 SHA1-3DES", ec,
				encrypted(ec.chain(), ec.encryptedPkcs8("ec-pbes1.pem", "-v1", "PBE-SHA1-3DES"))));
		formats.add(format("PKCS#1 RSA", rsa, pem(rsa.chain(), rsa.traditional("rsa-pkcs1.pem"))));
		formats.add(format("PKCS#1 RSA legacy-encrypted AES-256", rsa,
				encrypted(rsa.chain(), rsa.traditional("rsa-pkcs1-aes.pem", "-aes256"))));
		formats.add(format("SEC1 EC", ec, pem(ec.chain(), ec.traditional("ec-sec1.pem"))));
		formats.add(format("SEC1 EC legacy-encrypted 3DES", ec,
				encrypted(ec.chain(), ec.traditional("ec-sec1-des3.pem", "-des3"))));
		pki.openssl("ecparam", "-name", "prime256v1", "-out", "ec-params.pem");
		formats.add(format("SEC1 EC with EC PARAMETERS", ec,
				pem(ec.chain(), pki.concat("ec-with-params.pem", pki.file("ec-params.pem"), pki.file("ec-sec1.pem")))));
		formats.add(format("certificate and key in one file", rsa,
				pem(pki.concat("rsa-bundle.pem", rsa.key(), rsa.chain()), pki.file("rsa-bundle.pem"))));
		formats.add(format("openssl x509 -text dump, CRLF, intermediates first", ec, pem(crlfTextDump(ec), ec.key())));
		formats.add(format("PKCS#12 openssl 3 default", rsa, keyStore(rsa.pkcs12("rsa-default.p12"), "PKCS12")));
		formats.add(format("PKCS#12 openssl -legacy", ec, keyStore(ec.pkcs12("ec-legacy.p12", "-legacy"), "PKCS12")));
		formats.add(format("JKS", rsa, keyStore(rsa.importInto("rsa.jks", "JKS"), "JKS")));
		formats.add(format("SSL bundle (PEM)", ec,
				new String[] { "checkout.mtls.ssl.bundle=checkout",
						"spring.ssl.bundle.pem.checkout.keystore.certificate=file:" + ec.chain(),
						"spring.ssl.bundle.pem.checkout.keystore.private-key=file:" + ec.key() }));
		formats.add(format("SSL bundle (JKS)", rsa,
				new String[] { "checkout.mtls.ssl.bundle=checkout",
						"spring.ssl.bundle.jks.checkout.keystore.location=file:"
								+ rsa.importInto("rsa-bundle.jks", "JKS"),
						"spring.ssl.bundle.jks.checkout.keystore.password=" + OpensslPki.PASSWORD,
						"spring.ssl.bundle.jks.checkout.keystore.type=JKS" }));
		return formats.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("formats")
	void requestPresentsLeafLoadedFrom(String format, OpensslPki.Leaf leaf, String[] properties) {
		this.contextRunner.withPropertyValues(properties)
			.withPropertyValues("checkout.mtls.api-base-url=" + simulator.apiBaseUrl(),
					"checkout.mtls.trust.certificates=file:" + serverCa)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				simulator.clearRecords();
				String body = context.getBean("checkoutWebClient", WebClient.class)
					.get()
					.uri("/payments/pay_formats")
					.retrieve()
					.bodyToMono(String.class)
					.block(Duration.ofSeconds(20));
				assertThat(body).contains("pay_formats");
				RecordedExchange exchange = simulator.exchanges().get(0);
				assertThat(exchange.leafThumbprint()).isEqualTo(CertificateAndKey.thumbprint(leaf.x509()));
				assertThat(exchange.leafCommonName()).isEqualTo(leaf.name() + ".client.internal");
			});
	}

	private static Arguments format(String name, OpensslPki.Leaf leaf, String[] properties) {
		return Arguments.of(name, leaf, properties);
	}

	private static String[] pem(Path certificate, Path key) {
		return new String[] { "checkout.mtls.pem.certificate=file:" + certificate,
				"checkout.mtls.pem.private-key=" + key };
	}

	private static String[] encrypted(Path certificate, Path key) {
		return new String[] { "checkout.mtls.pem.certificate=file:" + certificate,
				"checkout.mtls.pem.private-key=file:" + key,
				"checkout.mtls.pem.private-key-password=" + OpensslPki.PASSWORD };
	}

	private static String[] keyStore(Path store, String type) {
		return new String[] { "checkout.mtls.keystore.location=file:" + store, "checkout.mtls.keystore.type=" + type,
				"checkout.mtls.keystore.password=" + OpensslPki.PASSWORD };
	}

	private static Path crlfTextDump(OpensslPki.Leaf leaf) {
		pki.openssl("x509", "-in", leaf.certificate().toString(), "-text", "-out", leaf.name() + "-text.pem");
		Path dump = pki.concat(leaf.name() + "-dump.pem", pki.intermediateCertificate(),
				pki.file(leaf.name() + "-text.pem"));
		return pki.write(leaf.name() + "-crlf.pem", OpensslPki.read(dump).replace("\n", "\r\n"));
	}

}
