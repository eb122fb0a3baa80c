package io.github.checkoutmtls.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;
import io.github.checkoutmtls.CustomCertificates;
import io.github.checkoutmtls.TestContexts;
import io.github.checkoutmtls.diagnostics.TestFailureAnalyzers;
import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.Pem;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.pki.TestPkiFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every kind of bad configuration or key material fails at startup with a failure
 * analysis: bad key material with the starter's own exception, a property of the wrong
 * shape with Spring Boot's, whose analysis says where the value came from. None hangs,
 * none shows a bare JCA message, none shows a secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureMatrixTests {

	private static final String KEY_PASSWORD = "Matrix-Key-Secret-7f3a";

	private static final String WRONG_PASSWORD = "Wrong-Secret-Guess-91c2";

	private static final String CLIENT_SECRET = "Client-Secret-Value-5d8e";

	@TempDir
	static Path dir;

	private static TestPkiFiles files;

	private static List<String> secrets;

	@BeforeAll
	static void writeMaterial() throws Exception {
		TestPki pki = TestPki.builder().commonName("matrix.internal").build();
		files = pki.writeTo(dir.resolve("pki"));
		String keyPem = Files.readString(files.privateKey());
		String chainPem = Files.readString(files.chain());
		write("truncated.pem", chainPem.substring(0, chainPem.length() / 2));
		Files.write(dir.resolve("garbage.bin"), garbage(4096));
		Files.write(dir.resolve("leaf.der"), pki.leaf().certificate().getEncoded());
		write("key-as-certificate.pem", keyPem);
		write("certificate-as-key.pem", chainPem);
		write("blank.pem", "   \n\n");
		Files.write(dir.resolve("huge.pem"), new byte[10 * 1024 * 1024]);
		Files.createDirectories(dir.resolve("a-directory"));
		openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", files.privateKey().toString(), "-passout",
				"pass:" + KEY_PASSWORD, "-out", dir.resolve("encrypted.key").toString());
		write("other.key", Pem.privateKey(TestPki.builder().build().leaf().privateKey()));
		writeExpiredIntermediate();
		writeExpiredLeaf(pki);
		writeSelfSigned();
		writeNoCommonName(pki);
		writeWeakKey(pki);
		writeWithUsage(pki, "server-auth-only", KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
				KeyPurposeId.id_kp_serverAuth);
		writeWithUsage(pki, "no-digital-signature", KeyUsage.keyEncipherment, KeyPurposeId.id_kp_clientAuth);
		write("leaf-only.pem", Pem.certificates(pki.leaf().certificate()));
		secrets = List.of(KEY_PASSWORD, WRONG_PASSWORD, CLIENT_SECRET, files.pkcs12Password(), keyBody(keyPem),
				keyBody(Files.readString(dir.resolve("encrypted.key"))));
	}

	static Stream<Arguments> cases() {
		List<Arguments> cases = new ArrayList<>();
		// Sources of key material
		ours(cases, "no key material",
				problem("checkout.mtls.pem.certificate", "No client certificate and private key are configured"));
		add(cases, "two sources", MutuallyExclusiveConfigurationPropertiesException.class, pem(),
				"checkout.mtls.keystore.location=file:" + files.pkcs12(),
				"checkout.mtls.keystore.password=" + files.pkcs12Password());
		ours(cases, "certificate without private key",
				problem("checkout.mtls.pem.private-key", "A certificate chain is configured without its private key"),
				"checkout.mtls.pem.certificate=file:" + files.chain());
		ours(cases, "unknown ssl bundle", problem("checkout.mtls.ssl.bundle", "SSL bundle 'nope' does not exist"),
				"checkout.mtls.ssl.bundle=nope");
		// Files
		ours(cases, "missing file", problem("checkout.mtls.pem.certificate", "Key material file does not exist"),
				pem(at("absent.pem"), files.privateKey()));
		ours(cases, "directory",
				problem("checkout.mtls.pem.certificate", "Key material location is a directory, not a file"),
				pem(at("a-directory"), files.privateKey()));
		ours(cases, "empty file", problem("checkout.mtls.pem.certificate", "Key material file is empty"),
				pem(at("blank.pem"), files.privateKey()));
		ours(cases, "10 MB file",
				problem("checkout.mtls.pem.certificate", "Key material file is larger than 1048576 bytes"),
				pem(at("huge.pem"), files.privateKey()));
		// Certificate file content
		ours(cases, "truncated PEM",
				problem("checkout.mtls.pem.certificate",
						"Certificate file holds a CERTIFICATE block that cannot be parsed"),
				pem(at("truncated.pem"), files.privateKey()));
		ours(cases, "binary garbage",
				problem("checkout.mtls.pem.certificate", "Certificate file is binary (DER), not PEM"),
				pem(at("garbage.bin"), files.privateKey()));
		ours(cases, "DER where PEM is expected",
				problem("checkout.mtls.pem.certificate", "Certificate file is binary (DER), not PEM"),
				pem(at("leaf.der"), files.privateKey()));
		ours(cases, "key where the certificate should be",
				problem("checkout.mtls.pem.certificate", "Certificate file holds a private key but no certificate"),
				pem(at("key-as-certificate.pem"), files.privateKey()));
		// Private key
		ours(cases, "certificate where the key should be",
				problem("checkout.mtls.pem.private-key", "Private key file holds certificates but no private key"),
				pem(files.chain(), at("certificate-as-key.pem")));
		ours(cases, "garbage key",
				problem("checkout.mtls.pem.private-key", "Private key file is binary (DER), not PEM"),
				pem(files.chain(), at("garbage.bin")));
		ours(cases, "encrypted key without password",
				problem("checkout.mtls.pem.private-key-password", "is encrypted but no password is set"),
				pem(files.chain(), at("encrypted.key")));
		ours(cases, "encrypted key with wrong password",
				problem("checkout.mtls.pem.private-key-password", "encrypted.key is wrong or missing"),
				pem(files.chain(), at("encrypted.key")), "checkout.mtls.pem.private-key-password=" + WRONG_PASSWORD);
		ours(cases, "key for another certificate",
				problem("checkout.mtls.pem.private-key", "Private key matches none of the certificates"),
				pem(files.chain(), at("other.key")));
		ours(cases, "RSA 1024 key",
				problem("checkout.mtls.pem.certificate", "The leaf's key is RSA 1024 bits, too weak"),
				pem(at("weak.pem"), at("weak.key")));
		// Chain
		ours(cases, "expired intermediate", problem("checkout.mtls.pem.certificate",
				"The certificate 'CN=Checkout mTLS Test Intermediate CA 1 ", "expired on"),
				pem(at("expired-intermediate.pem"), at("expired-intermediate.key")));
		ours(cases, "expired leaf",
				problem("checkout.mtls.pem.certificate", "The certificate 'CN=matrix.internal,", "expired on"),
				pem(at("expired-leaf.pem"), at("expired-leaf.key")));
		ours(cases, "self-signed leaf",
				problem("checkout.mtls.pem.certificate",
						"is self-signed; Checkout accepts only certificates issued by your private CA"),
				pem(at("self-signed.pem"), at("self-signed.key")));
		ours(cases, "missing intermediate", problem("checkout.mtls.pem.certificate",
				"The client certificate chain is incomplete: the issuer 'CN=Checkout mTLS Test Intermediate CA 2 ",
				"is missing"), pem(at("missing-intermediate.pem"), at("missing-intermediate.key")));
		ours(cases, "empty CN",
				problem("checkout.mtls.pem.certificate",
						"has no CN; Checkout matches the CN registered during onboarding"),
				pem(at("no-cn.pem"), at("no-cn.key")));
		ours(cases, "CN other than the registered one",
				problem("checkout.mtls.expected-common-name",
						"The leaf's CN is 'matrix.internal' but the CN registered with Checkout is 'other.internal'"),
				pem(), "checkout.mtls.expected-common-name=other.internal");
		// Registered roots
		ours(cases, "leaf-only file with registered roots",
				problem("checkout.mtls.pem.certificate",
						"The client certificate file holds only the leaf 'CN=matrix.internal,",
						"which is not a registered root"),
				pem(at("leaf-only.pem"), files.privateKey()), "checkout.mtls.registered-roots=file:" + files.root());
		ours(cases, "chain under an unregistered root",
				problem("checkout.mtls.registered-roots", "which is not among the roots registered with Checkout"),
				pem(), "checkout.mtls.registered-roots=file:" + files.serverCa());
		ours(cases, "missing registered roots file",
				problem("checkout.mtls.registered-roots", "Key material file does not exist"), pem(),
				"checkout.mtls.registered-roots=file:" + at("absent-roots.pem"));
		ours(cases, "registered roots pasted inline",
				problem("checkout.mtls.registered-roots", "The property holds PEM content instead of a location"),
				pem(), "checkout.mtls.registered-roots=-----BEGIN CERTIFICATE-----");
		ours(cases, "registered roots file holding a key",
				problem("checkout.mtls.registered-roots", "Certificate file holds a private key but no certificate"),
				pem(), "checkout.mtls.registered-roots=file:" + files.privateKey());
		// Key stores
		ours(cases, "unknown key store type",
				problem("checkout.mtls.keystore.type", "Key store type 'PKCS13' is not supported"),
				keystore("PKCS13", files.pkcs12Password()));
		ours(cases, "wrong key store password",
				problem("checkout.mtls.keystore.password", "keystore.p12 is wrong or missing"),
				keystore("PKCS12", WRONG_PASSWORD));
		ours(cases, "alias not found", problem("checkout.mtls.keystore.alias", "Key store has no entry 'nope'"),
				keystore("PKCS12", files.pkcs12Password()), "checkout.mtls.keystore.alias=nope");
		ours(cases, "PEM where a key store is expected",
				problem("checkout.mtls.keystore.location", "File is not a PKCS12 key store or is corrupt"),
				"checkout.mtls.keystore.location=file:" + files.chain(),
				"checkout.mtls.keystore.password=" + WRONG_PASSWORD);
		ours(cases, "leaf for server authentication only",
				problem("checkout.mtls.pem.certificate", "excludes TLS client authentication"),
				pem(at("server-auth-only.pem"), at("server-auth-only.key")));
		ours(cases, "leaf without digitalSignature",
				problem("checkout.mtls.pem.certificate", "The leaf's key usage excludes digitalSignature"),
				pem(at("no-digital-signature.pem"), at("no-digital-signature.key")));
		// Hosts and trust
		add(cases, "http:// API URL", InvalidConfigurationPropertyValueException.class, pem(),
				"checkout.mtls.api-base-url=http://localhost");
		add(cases, "http:// access URL", InvalidConfigurationPropertyValueException.class, pem(),
				"checkout.mtls.access-base-url=http://localhost");
		ours(cases, "garbage trust certificates",
				problem("checkout.mtls.trust.certificates", "Certificate file is binary (DER), not PEM"), pem(),
				"checkout.mtls.trust.certificates=file:" + at("garbage.bin"));
		ours(cases, "missing trust certificates",
				problem("checkout.mtls.trust.certificates", "Key material file does not exist"), pem(),
				"checkout.mtls.trust.certificates=file:" + at("absent-trust.pem"));
		ours(cases, "10 MB trust certificates",
				problem("checkout.mtls.trust.certificates", "Key material file is larger than 1048576 bytes"), pem(),
				"checkout.mtls.trust.certificates=file:" + at("huge.pem"));
		ours(cases, "trust certificates pasted inline",
				problem("checkout.mtls.trust.certificates", "The property holds PEM content instead of a location"),
				pem(), "checkout.mtls.trust.certificates=-----BEGIN CERTIFICATE-----");
		// Settings
		add(cases, "negative connect timeout", InvalidConfigurationPropertyValueException.class, pem(),
				"checkout.mtls.http.connect-timeout=-1s");
		add(cases, "zero response timeout", InvalidConfigurationPropertyValueException.class, pem(),
				"checkout.mtls.http.response-timeout=0s");
		add(cases, "zero max connections", InvalidConfigurationPropertyValueException.class, pem(),
				"checkout.mtls.http.max-connections=0");
		add(cases, "negative retry deadline", InvalidConfigurationPropertyValueException.class, pem(),
				"checkout.mtls.retry.deadline=-5s");
		// Zero would ask Checkout again at once, for as long as the deadline allows.
		add(cases, "zero in-progress backoff", InvalidConfigurationPropertyValueException.class, pem(),
				"checkout.mtls.retry.in-progress-backoff=0s");
		add(cases, "zero retry attempts", InvalidConfigurationPropertyValueException.class, pem(),
				"checkout.mtls.retry.max-attempts=0");
		add(cases, "connect timeout beyond int milliseconds", InvalidConfigurationPropertyValueException.class, pem(),
				"checkout.mtls.http.connect-timeout=30d");
		add(cases, "sub-millisecond response timeout", InvalidConfigurationPropertyValueException.class, pem(),
				"checkout.mtls.http.response-timeout=500us");
		add(cases, "sub-millisecond retry backoff", InvalidConfigurationPropertyValueException.class, pem(),
				"checkout.mtls.retry.initial-backoff=10ns");
		add(cases, "sub-millisecond reload interval", InvalidConfigurationPropertyValueException.class, pem(),
				"checkout.mtls.reload.check-interval=100us");
		add(cases, "max idle time that makes eviction spin", InvalidConfigurationPropertyValueException.class, pem(),
				"checkout.mtls.http.max-idle-time=50ms");
		// jwt mode
		add(cases, "jwt without client id", InvalidConfigurationPropertyValueException.class, pem(),
				"checkout.mtls.auth-mode=jwt");
		add(cases, "jwt secret authentication without secret", InvalidConfigurationPropertyValueException.class, pem(),
				"checkout.mtls.auth-mode=jwt", "checkout.mtls.jwt.client-id=c",
				"checkout.mtls.jwt.client-authentication=client-secret-basic");
		add(cases, "scope with spaces", InvalidConfigurationPropertyValueException.class, pem(),
				"checkout.mtls.auth-mode=jwt", "checkout.mtls.jwt.client-id=c",
				"checkout.mtls.jwt.client-secret=" + CLIENT_SECRET, "checkout.mtls.jwt.scopes[0]=gateway vault");
		add(cases, "jwt on the non-mTLS API host", InvalidConfigurationPropertyValueException.class, pem(),
				"checkout.mtls.auth-mode=jwt", "checkout.mtls.jwt.client-id=c",
				"checkout.mtls.api-base-url=https://api.checkout.com");
		add(cases, "zero token timeout", InvalidConfigurationPropertyValueException.class, pem(),
				"checkout.mtls.auth-mode=jwt", "checkout.mtls.jwt.client-id=c", "checkout.mtls.jwt.token-timeout=0s");
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void startupFailsWithAnAnalysisNamingThePropertyAndNoSecret(String name, Object expected, String[] properties,
			CapturedOutput output) {
		Environment[] environment = new Environment[1];
		Throwable failure = assertTimeoutPreemptively(Duration.ofSeconds(10),
				() -> startupFailure(properties, environment));
		assertThat(failure).as(name).isNotNull();
		Class<? extends Throwable> type = (expected instanceof Problem) ? CheckoutMtlsConfigurationException.class
				: ((Class<?>) expected).asSubclass(Throwable.class);
		Throwable cause = causeOfType(failure, type);
		assertThat(cause).as(name).isInstanceOf(type);
		if (expected instanceof Problem problem) {
			CheckoutMtlsConfigurationException configuration = (CheckoutMtlsConfigurationException) cause;
			assertThat(configuration.getProperty()).as(name).isEqualTo(problem.property());
			assertThat(configuration.getProblem()).as(name).contains(problem.problem());
		}
		FailureAnalysis analysis = new TestFailureAnalyzers().analyze(failure, environment[0]);
		assertThat(analysis).as(name).isNotNull();
		if (cause instanceof CheckoutMtlsConfigurationException) {
			// Key material findings: the starter's own analysis.
			assertThat(analysis.getDescription()).startsWith("The Checkout mTLS client could not be configured: ")
				.doesNotContain("The Checkout mTLS client could not be configured: java.")
				.doesNotContain("The Checkout mTLS client could not be configured: javax.")
				.doesNotContain("The Checkout mTLS client could not be configured: sun.")
				.contains("Property: checkout.mtls.");
		}
		else if (cause instanceof InvalidConfigurationPropertyValueException invalid) {
			// Shape errors: Spring Boot's analysis names the property and where a value
			// given came from.
			assertThat(analysis.getDescription()).as(name).contains("'" + invalid.getName() + "'");
			if (invalid.getValue() != null) {
				assertThat(analysis.getDescription()).as(name).contains("from property source \"test\"");
			}
		}
		else {
			assertThat(analysis.getDescription()).as(name)
				.contains(((MutuallyExclusiveConfigurationPropertiesException) cause).getConfiguredNames());
		}
		assertThat(analysis.getAction()).isNotBlank();
		for (String secret : secrets) {
			assertThat(analysis.getDescription()).doesNotContain(secret);
			assertThat(analysis.getAction()).doesNotContain(secret);
			assertThat(messages(failure)).doesNotContain(secret);
			assertThat(output.getAll()).doesNotContain(secret);
		}
	}

	private static Throwable startupFailure(String[] properties, Environment[] environment) {
		Throwable[] failure = new Throwable[1];
		TestContexts.contextRunner()
			.withInitializer((context) -> environment[0] = context.getEnvironment())
			.withPropertyValues(properties)
			.run((context) -> failure[0] = context.getStartupFailure());
		return failure[0];
	}

	private static Throwable causeOfType(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return t;
			}
		}
		return null;
	}

	private static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable t = failure; t != null; t = t.getCause()) {
			messages.append(t).append('\n');
		}
		return messages.toString();
	}

	private static void add(List<Arguments> cases, String name, Object expected, Object... properties) {
		List<String> all = new ArrayList<>();
		for (Object property : properties) {
			if (property instanceof String[] array) {
				all.addAll(List.of(array));
			}
			else {
				all.add((String) property);
			}
		}
		cases.add(Arguments.of(name, expected, all.toArray(String[]::new)));
	}

	/**
	 * Adds a case failing with the starter's own exception: its subtypes are internal, so
	 * the problem and the property it names tell the cases apart.
	 */
	private static void ours(List<Arguments> cases, String name, Problem problem, Object... properties) {
		add(cases, name, problem, properties);
	}

	private static Problem problem(String property, String... problem) {
		return new Problem(property, List.of(problem));
	}

	private static String[] pem() {
		return pem(files.chain(), files.privateKey());
	}

	private static String[] pem(Path certificate, Path key) {
		return new String[] { "checkout.mtls.pem.certificate=file:" + certificate,
				"checkout.mtls.pem.private-key=file:" + key };
	}

	private static String[] keystore(String type, String password) {
		return new String[] { "checkout.mtls.keystore.location=file:" + files.pkcs12(),
				"checkout.mtls.keystore.type=" + type, "checkout.mtls.keystore.password=" + password };
	}

	private static Path at(String name) {
		return dir.resolve(name);
	}

	private static void writeExpiredIntermediate() throws IOException {
		Instant past = Instant.now().minus(Duration.ofDays(10));
		TestPki pki = TestPki.builder().intermediateValidity(past.minus(Duration.ofDays(10)), past).build();
		writePair("expired-intermediate", pki.leaf(), pki.chain());
	}

	private static void writeExpiredLeaf(TestPki pki) throws IOException {
		Instant past = Instant.now().minus(Duration.ofDays(10));
		CertificateAndKey leaf = pki.issueLeaf("matrix.internal", KeyType.EC_P256, past.minus(Duration.ofDays(10)),
				past);
		writePair("expired-leaf", leaf, pki.chainFor(leaf));
		CertificateAndKey other = pki.issueLeaf("matrix.internal", KeyType.EC_P256);
		writePair("missing-intermediate", other, List.of(other.certificate()));
		TestPki twoIntermediates = TestPki.builder().intermediates(2).build();
		writePair("missing-intermediate", twoIntermediates.leaf(),
				List.of(twoIntermediates.leaf().certificate(), twoIntermediates.intermediates().get(0).certificate()));
	}

	private static void writeSelfSigned() throws IOException {
		CertificateAndKey selfSigned = TestPki.selfSigned("matrix.internal", KeyType.EC_P256);
		writePair("self-signed", selfSigned, List.of(selfSigned.certificate()));
	}

	private static void writeNoCommonName(TestPki pki) throws IOException {
		CertificateAndKey leaf = CustomCertificates.issue(pki.intermediates().get(0),
				new X500Principal("O=No Common Name"), CustomCertificates.rsa(2048));
		List<java.security.cert.X509Certificate> chain = new ArrayList<>(pki.chainFor(pki.leaf()));
		chain.set(0, leaf.certificate());
		writePair("no-cn", leaf, chain);
	}

	private static void writeWeakKey(TestPki pki) throws IOException {
		CertificateAndKey leaf = CustomCertificates.issue(pki.intermediates().get(0),
				new X500Principal("CN=weak.internal"), CustomCertificates.rsa(1024));
		List<java.security.cert.X509Certificate> chain = new ArrayList<>(pki.chainFor(pki.leaf()));
		chain.set(0, leaf.certificate());
		write("weak.pem", Pem.certificates(chain));
		write("weak.key", Pem.privateKey(leaf.privateKey()));
	}

	private static void writeWithUsage(TestPki pki, String name, int keyUsage, KeyPurposeId extendedKeyUsage)
			throws IOException {
		CertificateAndKey leaf = CustomCertificates.issueWithUsage(pki.intermediates().get(0),
				new X500Principal("CN=matrix.internal"), keyUsage, extendedKeyUsage);
		List<java.security.cert.X509Certificate> chain = new ArrayList<>(pki.chainFor(pki.leaf()));
		chain.set(0, leaf.certificate());
		writePair(name, leaf, chain);
	}

	private static void writePair(String name, CertificateAndKey leaf, List<java.security.cert.X509Certificate> chain)
			throws IOException {
		write(name + ".pem", Pem.certificates(chain));
		write(name + ".key", Pem.privateKey(leaf.privateKey()));
	}

	private static void write(String name, String content) throws IOException {
		Files.writeString(dir.resolve(name), content);
	}

	private static byte[] garbage(int size) {
		byte[] bytes = new byte[size];
		new java.util.Random(42).nextBytes(bytes);
		return bytes;
	}

	private static String keyBody(String pem) {
		return pem.lines().filter((line) -> !line.startsWith("-----")).skip(1).findFirst().orElseThrow();
	}

	private static void openssl(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("openssl"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(out).isZero();
	}

	/**
	 * The starter's exception expected for a case: the property it names and parts of its
	 * problem.
	 */
	private record Problem(String property, List<String> problem) {

	}

}
