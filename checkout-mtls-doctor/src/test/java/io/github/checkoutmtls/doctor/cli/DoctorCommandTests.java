package io.github.checkoutmtls.doctor.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.checkoutmtls.test.junit.SimulatorFixture;
import io.github.checkoutmtls.test.pki.Pem;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.pki.TestPkiFiles;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.test.simulator.HandshakeRejection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DoctorCommand}: the command line entry, run without
 * {@code System.exit}.
 */
class DoctorCommandTests {

	@TempDir
	Path directory;

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	private final TestPki pki = TestPki.builder().commonName("gateway.internal").build();

	@Test
	void runWhenChainIsGoodExitsZeroAndWritesTheRootsFile() throws IOException {
		writeChainWithRootAndKey();
		int exitCode = command().run("--certificate", "chain.pem", "--private-key", "key.pem");
		assertThat(exitCode).isZero();
		assertThat(output()).contains("  1. leaf", "  2. intermediate", "  3. root")
			.contains("Register this CN with Checkout: gateway.internal")
			.contains("Send Checkout this file: " + this.directory.resolve("checkout-roots.pem"))
			.contains("Then set checkout.mtls.registered-roots=file:" + this.directory.resolve("checkout-roots.pem"))
			.contains("Result: PASS");
		assertThat(this.directory.resolve("checkout-roots.pem")).content()
			.isEqualTo(Pem.certificates(this.pki.root().certificate()));
	}

	@Test
	void runWithRegisteredRootsThatDidNotIssueTheChainFailsNamingTheOption() throws IOException {
		TestPkiFiles files = this.pki.writeTo(this.directory);
		Files.writeString(this.directory.resolve("registered.pem"),
				Pem.certificates(TestPki.builder().build().root().certificate()));
		int exitCode = command().run("--certificate", files.chain().toString(), "--private-key",
				files.privateKey().toString(), "--registered-roots", "registered.pem");
		assertThat(exitCode).isEqualTo(1);
		assertThat(output()).contains("[FAIL] registered-root:")
			.contains("Setting: --registered-roots (checkout.mtls.registered-roots) = "
					+ this.directory.resolve("registered.pem"));
	}

	@Test
	void runWithTheRootsFileItWroteAsRegisteredRootsPasses() throws IOException {
		TestPkiFiles files = this.pki.writeTo(this.directory);
		int exitCode = command().run("--certificate", files.chain().toString(), "--private-key",
				files.privateKey().toString(), "--root", files.root().toString());
		assertThat(exitCode).isZero();
		this.output.reset();
		exitCode = command().run("--certificate", files.chain().toString(), "--private-key",
				files.privateKey().toString(), "--registered-roots", "checkout-roots.pem");
		assertThat(exitCode).isZero();
		assertThat(output()).contains(
				"[PASS] registered-root: Chain builds to the registered root '" + this.pki.root().subject() + "'");
	}

	@Test
	void runWithRegisteredRootsNeverRewritesThatFile() throws IOException {
		writeChainWithRootAndKey();
		// What was sent to Checkout: another CA's root, under the default roots file's
		// name.
		String registered = Pem.certificates(TestPki.builder().build().root().certificate());
		Files.writeString(this.directory.resolve("checkout-roots.pem"), registered);
		for (int run = 0; run < 2; run++) {
			assertThat(command().run("--certificate", "chain.pem", "--private-key", "key.pem", "--registered-roots",
					"checkout-roots.pem"))
				.as("run %d", run + 1)
				.isEqualTo(1);
		}
		assertThat(this.directory.resolve("checkout-roots.pem")).content().isEqualTo(registered);
		this.output.reset();
		assertThat(command().run("--certificate", "chain.pem", "--private-key", "key.pem", "--registered-roots",
				"checkout-roots.pem", "--roots-out", "./checkout-roots.pem"))
			.isEqualTo(2);
		assertThat(output()).contains("--roots-out ./checkout-roots.pem is the --registered-roots file");
		assertThat(this.directory.resolve("checkout-roots.pem")).content().isEqualTo(registered);
	}

	@Test
	void runWhenTheRootsFileCannotBeWrittenStillReportsTheMaterial() throws IOException {
		writeChainWithRootAndKey();
		Files.createDirectory(this.directory.resolve("checkout-roots.pem"));
		command().run("--certificate", "chain.pem", "--private-key", "key.pem");
		assertThat(output()).doesNotContain("The key material could not be used")
			.contains("  1. leaf", "Register this CN with Checkout: gateway.internal")
			.contains("They could not be written to " + this.directory.resolve("checkout-roots.pem"))
			.doesNotContain("Send Checkout this file");
	}

	@Test
	void runWhenLeafIsExpiredExitsOneAndPrintsTheFix() throws IOException {
		Instant now = Instant.now();
		TestPki expired = TestPki.builder()
			.leafValidity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))
			.build();
		TestPkiFiles files = expired.writeTo(this.directory);
		int exitCode = command().run("--certificate", files.chain().toString(), "--private-key",
				files.privateKey().toString());
		assertThat(exitCode).isEqualTo(1);
		assertThat(output()).contains("[FAIL] validity:")
			.contains("Fix: Renew '" + expired.leaf().subject() + "'")
			.contains("Setting: --certificate (checkout.mtls.pem.certificate) = " + files.chain())
			.contains("exit code 1");
	}

	@Test
	void runWhenCommonNameIsNotTheExpectedOneNamesTheOption() {
		TestPkiFiles files = this.pki.writeTo(this.directory);
		int exitCode = command().run("--certificate=" + files.chain(), "--private-key=" + files.privateKey(),
				"--expected-common-name", "other.internal");
		assertThat(exitCode).isEqualTo(1);
		assertThat(output()).contains("[FAIL] common-name:")
			.contains("Setting: --expected-common-name (checkout.mtls.expected-common-name) = other.internal");
	}

	@Test
	void runFromKeyStoreTakesThePasswordFromTheNamedVariableAndNeverPrintsIt() {
		TestPkiFiles files = this.pki.writeTo(this.directory);
		int exitCode = command().run("--keystore", "keystore.p12", "--keystore-password-env", "P12_PASSWORD");
		assertThat(exitCode).isZero();
		assertThat(output()).contains("Register this CN with Checkout: gateway.internal")
			.doesNotContain(files.pkcs12Password());
	}

	@Test
	void runWhenPasswordVariableIsUnsetIsAUsageError() {
		this.pki.writeTo(this.directory);
		int exitCode = command().run("--keystore", "keystore.p12", "--keystore-password-env", "MISSING");
		assertThat(exitCode).isEqualTo(DoctorCommand.USAGE_ERROR);
		assertThat(output()).contains("the environment variable 'MISSING', which is not set");
	}

	@Test
	void runWithoutKeyMaterialIsAUsageError() {
		assertThat(command().run("--connect")).isEqualTo(DoctorCommand.USAGE_ERROR);
		assertThat(output()).contains("Give either --certificate or --keystore").contains("Usage:");
	}

	@Test
	void runWithUnknownArgumentIsAUsageError() {
		assertThat(command().run("--private-key-password", "secret")).isEqualTo(DoctorCommand.USAGE_ERROR);
		assertThat(output()).contains("Unknown argument '--private-key-password'").doesNotContain("secret");
	}

	@Test
	void runWhenKeyFileIsMissingExitsOneNamingTheOption() {
		TestPkiFiles files = this.pki.writeTo(this.directory);
		int exitCode = command().run("--certificate", files.chain().toString(), "--private-key", "missing.pem");
		assertThat(exitCode).isEqualTo(1);
		assertThat(output()).contains("[FAIL] The key material could not be used")
			.contains("--private-key (checkout.mtls.pem.private-key)");
	}

	@Test
	void runWithConnectAgainstSimulatorThatTrustsTheRootConnects() throws IOException {
		try (SimulatorFixture fixture = SimulatorFixture.builder().pki(this.pki).start()) {
			assertThat(connect(fixture.simulator())).isZero();
			assertThat(output()).contains("[PASS] CONNECTED (HTTP 404)");
		}
	}

	@Test
	void runWithConnectWhenServerResetsExitsOneWithCheckoutsThreeCauses() throws IOException {
		// The simulator trusts a PKI of its own, not the client's
		try (SimulatorFixture fixture = SimulatorFixture.builder()
			.handshakeRejection(HandshakeRejection.RESET)
			.start()) {
			assertThat(connect(fixture.simulator())).isEqualTo(1);
			assertThat(output()).contains("[FAIL] CLIENT_CERTIFICATE_REJECTED")
				.contains("the chain is incomplete", "the leaf's issuer is not trusted", "invalid or expired");
		}
	}

	@Test
	void runWithConnectWhenCommonNameIsNotRegisteredExitsOne() throws IOException {
		try (SimulatorFixture fixture = SimulatorFixture.builder()
			.pki(this.pki)
			.commonName("registered.internal")
			.start()) {
			assertThat(connect(fixture.simulator())).isEqualTo(1);
			assertThat(output()).contains("[FAIL] COMMON_NAME_MISMATCH (HTTP 401)");
		}
	}

	@Test
	void runWithConnectToPlainHttpReportsTheBaseUrl() {
		TestPkiFiles files = this.pki.writeTo(this.directory);
		int exitCode = command().run("--certificate", files.chain().toString(), "--private-key",
				files.privateKey().toString(), "--connect", "--api-base-url", "http://localhost:1");
		assertThat(exitCode).isEqualTo(1);
		assertThat(output()).contains("not an absolute https URL")
			.contains("--api-base-url (checkout.mtls.api-base-url)");
	}

	private int connect(CheckoutMtlsSimulator simulator) throws IOException {
		TestPkiFiles files = this.pki.writeTo(this.directory);
		Files.writeString(this.directory.resolve("simulator-ca.pem"), simulator.serverCaPem());
		return command().run("--certificate", files.chain().toString(), "--private-key", files.privateKey().toString(),
				"--connect", "--api-base-url", simulator.apiBaseUrl(), "--trust-certificates", "simulator-ca.pem");
	}

	// chain.pem (leaf, intermediate and root) and key.pem in the working directory.
	private void writeChainWithRootAndKey() throws IOException {
		List<X509Certificate> chain = new ArrayList<>(this.pki.chain());
		chain.add(this.pki.root().certificate());
		Files.writeString(this.directory.resolve("chain.pem"), Pem.certificates(chain));
		Files.writeString(this.directory.resolve("key.pem"), Pem.privateKey(this.pki.leaf().privateKey()));
	}

	// Built per test: the temporary directory is injected after field initialisation
	private DoctorCommand command() {
		return new DoctorCommand(new PrintStream(this.output, true, StandardCharsets.UTF_8),
				Map.of("P12_PASSWORD", TestPki.PKCS12_PASSWORD)::get, this.directory);
	}

	private String output() {
		return this.output.toString(StandardCharsets.UTF_8);
	}

}
